import { defineErrors } from '../platform/errors.ts';

export const CaseErrors = defineErrors({
  CASE_NO_MISSING: { status: 400, 'zh-CN': '缺少病例编号', en: 'The case number is missing' },
  CASE_KIND_INVALID: {
    status: 400,
    'zh-CN': '病例类型“{value}”无效，应为 确诊 / 无症状（confirmed / asymptomatic）',
    en: 'Kind "{value}" is not confirmed or asymptomatic',
  },
  CASE_ORIGIN_INVALID: {
    status: 400,
    'zh-CN': '来源“{value}”无效，应为 本土 / 境外输入（local / imported）',
    en: 'Origin "{value}" is not local or imported',
  },
  CASE_DETECTED_VIA_INVALID: {
    status: 400,
    'zh-CN': '发现途径“{value}”无效，应为 集中隔离 / 居家隔离 / 社区筛查 / 重点人群筛查 / 主动就诊',
    en: 'Detected-via "{value}" is not quarantine, home-isolation, community-screening, key-group-screening or self-presented',
  },
  CASE_DIVISION_UNKNOWN: {
    status: 400,
    'zh-CN': '{code} 不是福州市的{levelZh}代码',
    en: '{code} is not a {level} code of the city',
  },
  CASE_DIVISION_MISMATCH: { status: 400, 'zh-CN': '{code} 不属于 {parent}', en: '{code} does not lie in {parent}' },
  CASE_DATE_INVALID: {
    status: 400,
    'zh-CN': '日期“{value}”无效，应为 YYYY-MM-DD',
    en: 'Date "{value}" is not a real YYYY-MM-DD date',
  },
  CASE_DATE_FUTURE: { status: 400, 'zh-CN': '日期 {value} 晚于今天', en: 'Date {value} lies in the future' },
  CASE_DATE_BEFORE: {
    status: 400,
    'zh-CN': '日期 {value} 早于报告（或转确诊）日期 {ref}',
    en: 'Date {value} is before the report (or reclassification) date {ref}',
  },
  CASE_RECLASSIFIED_NOT_CONFIRMED: {
    status: 400,
    'zh-CN': '填写了转确诊日期的病例，类型应为确诊',
    en: 'A case with a reclassification date must be of kind confirmed',
  },
  CASE_RECLASSIFIED_NOT_AFTER_REPORT: {
    status: 400,
    'zh-CN': '转确诊日期 {value} 应晚于报告日期 {ref}；当天确诊的直接报告为确诊病例',
    en: 'Reclassification date {value} must be after the report date {ref}; a case confirmed on its report day is simply confirmed',
  },
  CASE_DISCHARGE_NOT_CONFIRMED: {
    status: 400,
    'zh-CN': '出院日期只适用于确诊病例；无症状感染者请填写解除隔离日期',
    en: 'A discharge date applies to confirmed cases only; asymptomatic infections are released',
  },
  CASE_RELEASE_NOT_ASYMPTOMATIC: {
    status: 400,
    'zh-CN': '解除隔离日期只适用于无症状感染者；确诊病例请填写出院日期',
    en: 'A release date applies to asymptomatic infections only; confirmed cases are discharged',
  },
  CASE_DIED_AND_CLOSED: {
    status: 400,
    'zh-CN': '同一病例不能既有死亡日期又有出院或解除隔离日期',
    en: 'A case cannot have both a death date and a discharge or release date',
  },
  CASE_DUPLICATE_IN_FILE: {
    status: 400,
    'zh-CN': '病例编号 {caseNo} 在文件中重复（首次出现在第 {first} 行）',
    en: 'Case number {caseNo} repeats row {first}',
  },
  CASE_OUT_OF_SCOPE: {
    status: 403,
    'zh-CN': '区县 {code} 不在您的管辖范围内',
    en: 'District {code} lies outside your jurisdiction',
  },
  CASE_NOT_FOUND: { status: 404, 'zh-CN': '病例 {caseNo} 不存在', en: 'No case {caseNo}' },
  FIGURES_AFTER_TODAY: {
    status: 400,
    'zh-CN': '{date} 晚于业务时钟的今天（{today}）：尚无该日数据',
    en: '{date} is after the business today ({today}): there are no figures for it yet',
  },
  FIGURES_RANGE: { status: 400, 'zh-CN': '日期范围无效（最多 366 天）', en: 'Invalid date range (at most 366 days)' },
});
