import { defineErrors } from '../errors.ts';

export const AuthErrors = defineErrors({
  AUTH_REQUIRED: { status: 401, 'zh-CN': '请先登录', en: 'Please sign in' },
  AUTH_INVALID_CREDENTIALS: { status: 401, 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  FORBIDDEN: {
    status: 403,
    'zh-CN': '当前角色无权执行此操作（需要 {permission}）',
    en: 'Your role may not do this (needs {permission})',
  },
  OUT_OF_SCOPE: { status: 403, 'zh-CN': '该记录不在您的管辖范围内', en: 'This record lies outside your jurisdiction' },
  OUT_OF_SCOPE_FILTER: {
    status: 403,
    'zh-CN': '筛选条件 {name}={code} 超出您的管辖范围',
    en: 'The filter {name}={code} lies outside your jurisdiction',
  },
  USER_EXISTS: { status: 409, 'zh-CN': '用户名 {username} 已存在', en: 'Username {username} is taken' },
  USER_NOT_FOUND: { status: 404, 'zh-CN': '用户 {username} 不存在', en: 'No user {username}' },
  PASSWORD_TOO_SHORT: {
    status: 400,
    'zh-CN': '密码至少 {min} 个字符',
    en: 'The password needs at least {min} characters',
  },
  SCOPE_UNKNOWN: {
    status: 400,
    'zh-CN': '管辖范围 {code} 不是已知的行政区划',
    en: 'Scope {code} is not a known division',
  },
});
