/**
 * The closed list of error codes. Each code has an HTTP status and a Chinese message the UI
 * can show as it is. The server throws `AppError(code)`; the web maps `error.code` back here.
 */
export const errorCatalog = {
  VALIDATION_FAILED: { status: 400, message: '提交的信息有误，请检查后重试' },
  BAD_REQUEST: { status: 400, message: '请求无效' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  SESSION_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  INVALID_CREDENTIALS: { status: 401, message: '账号或密码错误' },
  CURRENT_PASSWORD_WRONG: { status: 400, message: '当前密码不正确' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '首次登录请先修改初始密码' },
  FORBIDDEN: { status: 403, message: '没有权限执行此操作' },
  CSRF_FAILED: { status: 403, message: '页面已过期，请刷新后重试' },
  ACCOUNT_DISABLED: { status: 403, message: '账号已停用，请联系管理员' },
  ORGANIZATION_SUSPENDED: {
    status: 403,
    message: '贵单位已被暂停发布职位，请查看系统消息中的原因或联系平台管理员',
  },
  NOT_FOUND: { status: 404, message: '记录不存在或无权查看' },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在' },
  CONFLICT: { status: 409, message: '记录状态已变化，请刷新后重试' },
  VERSION_CONFLICT: { status: 409, message: '内容已在其他页面修改，请刷新后再编辑' },
  DUPLICATE: { status: 409, message: '记录已存在' },
  ACCOUNT_EXISTS: { status: 409, message: '该账号已注册，请直接登录' },
  PHONE_IN_USE: { status: 409, message: '该手机号已被其他账号使用' },
  CAPTCHA_REQUIRED: { status: 400, message: '请输入图形验证码' },
  CAPTCHA_INVALID: { status: 400, message: '图形验证码错误或已过期' },
  SMS_CODE_INVALID: { status: 400, message: '短信验证码错误或已过期' },
  SMS_COOLDOWN: { status: 429, message: '验证码发送过于频繁，请60秒后再试' },
  SMS_DAILY_LIMIT: { status: 429, message: '今日验证码发送次数已达上限，请明天再试' },
  TOO_MANY_ATTEMPTS: { status: 429, message: '尝试次数过多，请稍后再试' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  WEAK_PASSWORD: { status: 400, message: '密码过于简单，请重新设置' },
  ID_NUMBER_INVALID: { status: 400, message: '身份证号码格式或校验位不正确' },
  CREDIT_CODE_INVALID: { status: 400, message: '统一社会信用代码格式或校验位不正确' },
  IDENTITY_VERIFICATION_FAILED: { status: 400, message: '实名认证未通过，请核对信息' },
  PHONE_NOT_IN_REGISTRY: { status: 404, message: '此手机号不存在，不能登录' },
  GRADUATE_NOT_FOUND: {
    status: 404,
    message: '未找到生源信息：可能学校尚未导入或学院尚未审核，请联系学校就业指导中心',
  },
  GRADUATE_NO_PHONE: {
    status: 409,
    message: '生源信息中没有手机号，无法发送验证码，请联系学校就业指导中心',
  },
  NO_PHONE_ON_ACCOUNT: { status: 409, message: '账号未绑定手机号，请用当前密码验证身份' },
  ALREADY_ACTIVATED: { status: 409, message: '账号已激活，请直接登录' },
  FILE_TOO_LARGE: { status: 413, message: '文件过大' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, message: '不支持的文件类型' },
  IMPORT_FAILED: { status: 422, message: '导入失败，请根据逐行错误修改后重新导入' },
  NOT_ADMITTED: { status: 403, message: '贵单位尚未通过该学校的入驻审核' },
  QUOTA_EXCEEDED: { status: 409, message: '已达上限' },
  INSUFFICIENT_POINTS: { status: 409, message: '会员点数不足' },
  CONSENT_REQUIRED: {
    status: 409,
    message: '该人才尚未同意向机构提供联系方式（或已撤回同意），暂不能查看联系方式',
  },
  FACTS_LOCKED: {
    status: 409,
    message: '学历和政治面貌确认后不能自行修改，如需修改请联系学校或平台工作人员',
  },
  JOB_NOT_OPEN: { status: 409, message: '该职位已暂停或结束招聘，暂不能投递' },
  ALREADY_APPLIED: { status: 409, message: '您已应聘该职位，请勿重复投递' },
  COMPLIANCE_VIOLATION: {
    status: 422,
    message: '职位信息含有歧视性或违法要求，请按提示修改后再发布',
  },
  POSTING_INCOMPLETE: {
    status: 400,
    message: '请先填写完整：招聘人数、职位描述、工作地点和薪资',
  },
  ACTIVE_POSTING_LIMIT: {
    status: 409,
    message: '在招职位已达上限，请先暂停、结束或删除其他职位后再发布',
  },
  FAVORITES_FULL: {
    status: 409,
    message: '收藏夹最多10条，请在“职位收藏”页点击“编辑”删除不需要的职位后再收藏',
  },
  SIGNING_CONTEXT_REQUIRED: { status: 400, message: '请先在顶部选择入驻的学校和毕业年份' },
  GRADUATE_LOCKED: { status: 409, message: '该学生已与其他单位签约，不能再发起或接受邀约' },
  OFFER_EXPIRED: { status: 409, message: '邀约已过期，请联系单位重新发起' },
  CLAUSES_NOT_CONFIRMED: { status: 400, message: '请逐条确认协议条款后再发起邀约' },
  TERMINATION_NOT_ALLOWED: { status: 403, message: '学校未开放单位发起解约申请' },
  CANDIDATE_OFFLINE: { status: 409, message: '该求职者当前不在线，暂不能开始面试' },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务暂不可用，请稍后再试' },
  INTERNAL: { status: 500, message: '系统繁忙，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorMessage(code: string): string {
  return (
    (errorCatalog as Record<string, { message: string }>)[code]?.message ??
    errorCatalog.INTERNAL.message
  );
}
