import type { AdmissionStatus, NotificationChannel } from '@hirehall/shared/organizations';

export const admissionStatusLabels: Record<AdmissionStatus, { text: string; color: string }> = {
  pending: { text: '待审核', color: 'processing' },
  approved: { text: '已通过', color: 'success' },
  rejected: { text: '已拒绝', color: 'error' },
  suspended: { text: '已暂停', color: 'warning' },
};

export const channelLabels: Record<NotificationChannel, string> = {
  in_app: '站内消息',
  email: '电子邮件',
  sms: '短信',
  wechat: '微信',
};

export const scaleOptions = ['50人以下', '50-150人', '150-500人', '500-1000人', '1000人以上'].map(
  (value) => ({ value, label: value }),
);

export const industryOptions = [
  '信息技术',
  '制造业',
  '金融',
  '教育',
  '医疗卫生',
  '建筑房地产',
  '批发零售',
  '交通物流',
  '文化传媒',
  '政府/事业单位',
  '认证检测',
  '其他',
].map((value) => ({ value, label: value }));
