/**
 * Resident population by district, rounded from the 2020 (seventh) census figures as published by
 * the districts; the sum is about 8.3 M, which is what the city reported. Used only to spread the
 * synthetic residents in proportion, so rounding does not matter.
 */
export const DISTRICT_POPULATION: Record<string, number> = {
  '350102': 717_000, // 鼓楼区
  '350103': 513_000, // 台江区
  '350104': 1_145_000, // 仓山区
  '350105': 231_000, // 马尾区
  '350111': 959_000, // 晋安区
  '350112': 754_000, // 长乐区
  '350121': 1_037_000, // 闽侯县
  '350122': 560_000, // 连江县
  '350123': 213_000, // 罗源县
  '350124': 236_000, // 闽清县
  '350125': 259_000, // 永泰县
  '350128': 360_000, // 平潭县
  '350181': 1_390_000, // 福清市
};

export const SCENARIO = 'fuzhou-2022-11';
/** The seed all demo randomness derives from. */
export const SCENARIO_SEED = 20221107;

const SURNAMES = '陈林黄张吴王郑李刘杨何郭江许高谢邱叶罗余蔡方游朱潘翁魏施曾詹严卢周苏庄徐池薛'.split('');
const GIVEN = '建华明丽秀英伟芳娜敏静强磊军洋勇艳杰娟涛超兰霞平刚桂晨辉鑫宇欣怡晓雯思榕闽瑞涵泽婷凯峰锦'.split('');

/** A plausible Fuzhou name (Min surnames weighted towards 陈 and 林, as in the city). */
export function nameFor(r: { next(): number; pick<T>(xs: readonly T[]): T }): string {
  const surname = r.next() < 0.3 ? (r.next() < 0.55 ? '陈' : '林') : r.pick(SURNAMES);
  const len = r.next() < 0.25 ? 1 : 2;
  let given = '';
  for (let i = 0; i < len; i++) given += r.pick(GIVEN);
  return surname + given;
}

/** A community's everyday name: 战坂社区居委会 → 战坂社区, 石郑村委会 → 石郑村 (for demo place names). */
export function everydayName(officialName: string): string {
  return officialName
    .replace(/居委会$/, '')
    .replace(/村委会$/, '村')
    .replace(/村村$/, '村');
}
