// GB/T 4754-2017 (国民经济行业分类): the sections and divisions industrial accounts fall in. A
// division's two digits name its section, so a sheet may give `C39`, `39` or the division's name.

/** Division code → [section letter, Chinese name, English name]. */
export const DIVISIONS: Record<string, [string, string, string]> = {
  '06': ['B', '煤炭开采和洗选业', 'Coal mining'],
  '07': ['B', '石油和天然气开采业', 'Oil and gas extraction'],
  '08': ['B', '黑色金属矿采选业', 'Ferrous metal ore mining'],
  '09': ['B', '有色金属矿采选业', 'Non-ferrous metal ore mining'],
  '10': ['B', '非金属矿采选业', 'Non-metallic mineral mining'],
  '11': ['B', '开采专业及辅助性活动', 'Mining support activities'],
  '12': ['B', '其他采矿业', 'Other mining'],
  '13': ['C', '农副食品加工业', 'Agri-food processing'],
  '14': ['C', '食品制造业', 'Food manufacturing'],
  '15': ['C', '酒、饮料和精制茶制造业', 'Beverages and tea'],
  '16': ['C', '烟草制品业', 'Tobacco'],
  '17': ['C', '纺织业', 'Textiles'],
  '18': ['C', '纺织服装、服饰业', 'Apparel'],
  '19': ['C', '皮革、毛皮、羽毛及其制品和制鞋业', 'Leather and footwear'],
  '20': ['C', '木材加工和木、竹、藤、棕、草制品业', 'Wood products'],
  '21': ['C', '家具制造业', 'Furniture'],
  '22': ['C', '造纸和纸制品业', 'Paper'],
  '23': ['C', '印刷和记录媒介复制业', 'Printing'],
  '24': ['C', '文教、工美、体育和娱乐用品制造业', 'Stationery, crafts and sports goods'],
  '25': ['C', '石油、煤炭及其他燃料加工业', 'Petroleum and coal products'],
  '26': ['C', '化学原料和化学制品制造业', 'Chemicals'],
  '27': ['C', '医药制造业', 'Pharmaceuticals'],
  '28': ['C', '化学纤维制造业', 'Chemical fibres'],
  '29': ['C', '橡胶和塑料制品业', 'Rubber and plastics'],
  '30': ['C', '非金属矿物制品业', 'Non-metallic mineral products'],
  '31': ['C', '黑色金属冶炼和压延加工业', 'Iron and steel'],
  '32': ['C', '有色金属冶炼和压延加工业', 'Non-ferrous metals'],
  '33': ['C', '金属制品业', 'Metal products'],
  '34': ['C', '通用设备制造业', 'General machinery'],
  '35': ['C', '专用设备制造业', 'Special machinery'],
  '36': ['C', '汽车制造业', 'Motor vehicles'],
  '37': ['C', '铁路、船舶、航空航天和其他运输设备制造业', 'Other transport equipment'],
  '38': ['C', '电气机械和器材制造业', 'Electrical equipment'],
  '39': ['C', '计算机、通信和其他电子设备制造业', 'Computers and electronics'],
  '40': ['C', '仪器仪表制造业', 'Instruments'],
  '41': ['C', '其他制造业', 'Other manufacturing'],
  '42': ['C', '废弃资源综合利用业', 'Recycling'],
  '43': ['C', '金属制品、机械和设备修理业', 'Repair of machinery'],
  '44': ['D', '电力、热力生产和供应业', 'Electricity and heat supply'],
  '45': ['D', '燃气生产和供应业', 'Gas supply'],
  '46': ['D', '水的生产和供应业', 'Water supply'],
};

/** Section letter → Chinese and English names. */
export const SECTIONS: Record<string, [string, string]> = {
  B: ['采矿业', 'Mining'],
  C: ['制造业', 'Manufacturing'],
  D: ['电力、热力、燃气及水生产和供应业', 'Electricity, heat, gas and water'],
};

const BY_NAME = new Map(Object.entries(DIVISIONS).map(([d, [, zh]]) => [zh, d]));

/** A sheet's industry cell (`C39`, `39`, `C39 计算机…`, or the division's name) → section and division, or null. */
export function parseIndustry(v: string): { section: string; division: string } | null {
  const s = v.trim().toUpperCase();
  const m = s.match(/^([A-T])?\s*-?\s*(\d{2})(?:\d{0,2})\b/);
  const division = m ? m[2] : BY_NAME.get(v.trim());
  const def = division ? DIVISIONS[division] : undefined;
  if (!division || !def) return null;
  if (m?.[1] && m[1] !== def[0]) return null;
  return { section: def[0], division };
}

/** `C39`-style label of a division. */
export function industryCode(division: string): string {
  return `${DIVISIONS[division]?.[0] ?? '?'}${division}`;
}
