import { defineErrors } from '../platform/errors.ts';

export const EventErrors = defineErrors({
  EVENT_NOT_FOUND: { status: 404, 'zh-CN': '活动 {code} 不存在', en: 'No event {code}' },
  EVENT_EXISTS: { status: 409, 'zh-CN': '活动 {code} 已存在且内容不同', en: 'Event {code} exists with other details' },
  EVENT_SESSION_INVALID: {
    status: 400,
    'zh-CN': '场次 {index} 的开始时间须早于结束时间且在同一天',
    en: 'Session {index} must start before it ends, on one day',
  },
  EXAM_INSTANT_INVALID: {
    status: 400,
    'zh-CN': '时间 {at} 无效，请写成 2022-11-05T08:00:00+08:00',
    en: 'Invalid instant {at}; write e.g. 2022-11-05T08:00:00+08:00',
  },
  EXAM_SITE_UNKNOWN: {
    status: 422,
    'zh-CN': '考点 {code} 不在场所库中',
    en: 'Exam site {code} is not a registered venue',
  },
  EXAM_SITE_CATEGORY: {
    status: 422,
    'zh-CN': '场所 {code} 的类别是 {category}，不是考点（exam-site）',
    en: 'Venue {code} is a {category}, not an exam site (exam-site)',
  },
  EXAM_SITE_NOT_IN_EVENT: {
    status: 422,
    'zh-CN': '考点 {code} 未在本次考试中设置考场',
    en: 'Exam site {code} has no rooms in this exam',
  },
  EXAM_ROOM_UNKNOWN: {
    status: 422,
    'zh-CN': '考点 {site} 没有考场 {room}',
    en: 'Site {site} has no room {room}',
  },
  EXAM_ROOM_DUPLICATE: {
    status: 422,
    'zh-CN': '考场 {site}/{room} 在文件中重复（另见第 {other} 行）',
    en: 'Room {site}/{room} appears twice in the file (also row {other})',
  },
  EXAM_ROOM_OVER_CAPACITY: {
    status: 422,
    'zh-CN': '考场 {site}/{room} 容量 {capacity} 人，已安排 {count} 人',
    en: 'Room {site}/{room} seats {capacity}, {count} assigned',
  },
  EXAM_CAPACITY_INVALID: {
    status: 422,
    'zh-CN': '容量须为 1 至 200 的整数：{value}',
    en: 'Capacity must be a whole number from 1 to 200: {value}',
  },
  EXAM_FLAG_INVALID: {
    status: 422,
    'zh-CN': '应填 是/否（yes/no、1/0）：{value}',
    en: 'Expected yes/no (是/否, 1/0): {value}',
  },
  EXAM_VALUE_MISSING: { status: 422, 'zh-CN': '此项不能为空', en: 'This value is required' },
  EXAM_CANDIDATE_DUPLICATE: {
    status: 422,
    'zh-CN': '准考证号 {no} 在文件中重复（另见第 {other} 行）',
    en: 'Candidate number {no} appears twice in the file (also row {other})',
  },
  EXAM_CANDIDATE_PERSON_CHANGED: {
    status: 422,
    'zh-CN': '准考证号 {no} 已登记为另一人，不能改为此身份证号',
    en: 'Candidate number {no} is recorded for another person',
  },
  EXAM_PERSON_TWICE: {
    status: 422,
    'zh-CN': '同一考生身份证号出现在两个准考证号下（另见第 {other} 行）',
    en: 'The same ID number appears under two candidate numbers (also row {other})',
  },
  EXAM_PERSON_NAME_MISMATCH: {
    status: 422,
    'zh-CN': '姓名与人口库中该身份证号的登记不符',
    en: 'The name does not match the population register for this ID number',
  },
  EXAM_PLAN_UNPLACED: {
    status: 409,
    'zh-CN': '隔离考场座位不足：{count} 名特殊考生无法安排，方案未执行',
    en: 'Not enough isolation seats: {count} special candidates cannot be placed; nothing was changed',
  },
  EXAM_PLATE_INVALID: { status: 422, 'zh-CN': '车牌号无效：{value}', en: 'Invalid plate number: {value}' },
  EXAM_PLATE_DUPLICATE: {
    status: 422,
    'zh-CN': '车牌号 {plate} 在文件中重复（另见第 {other} 行）',
    en: 'Plate {plate} appears twice in the file (also row {other})',
  },
  EXAM_SEATS_INVALID: {
    status: 422,
    'zh-CN': '座位数须为 1 至 60 的整数：{value}',
    en: 'Seats must be a whole number from 1 to 60: {value}',
  },
  EXAM_SESSION_UNKNOWN: { status: 404, 'zh-CN': '考试 {code} 没有第 {no} 场', en: 'Exam {code} has no session {no}' },
  EXAM_NO_VEHICLES: {
    status: 409,
    'zh-CN': '{count} 名考生申请了专车，但本次考试尚未登记车辆',
    en: '{count} candidates asked for the shuttle and the exam has no vehicles',
  },
});
