import type { ReactNode } from 'react';
import {
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DatabaseOutlined,
  FileProtectOutlined,
  HomeOutlined,
  MessageOutlined,
  NotificationOutlined,
  PictureOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';

/** One menu entry; `path` is absolute. Entries whose route no module provides yet show 即将上线. */
export interface NavItem {
  path: string;
  label: string;
  icon?: ReactNode;
  children?: NavItem[];
  /** only these roles see it (default: everyone in the area) */
  roles?: readonly string[];
}

export function flattenMenu(items: NavItem[]): NavItem[] {
  return items.flatMap((item) => (item.children ? flattenMenu(item.children) : [item]));
}

export function menuForRole(items: NavItem[], role: string): NavItem[] {
  return items
    .filter((item) => !item.roles || item.roles.includes(role))
    .map((item) =>
      item.children ? { ...item, children: menuForRole(item.children, role) } : item,
    );
}

/** Employer console (seed 002 §3–4). */
export const employerMenu: NavItem[] = [
  { path: '/employer', label: '首页', icon: <HomeOutlined /> },
  {
    path: '/employer/company',
    label: '公司信息',
    icon: <BankOutlined />,
    children: [
      { path: '/employer/company/profile', label: '基本资料' },
      { path: '/employer/verification', label: '单位信息确认' },
      { path: '/employer/feedback', label: '意见反馈' },
    ],
  },
  {
    path: '/employer/recruiting',
    label: '招聘管理',
    icon: <SolutionOutlined />,
    children: [
      { path: '/employer/jobs', label: '职位管理' },
      { path: '/employer/jobfairs', label: '招聘会' },
      { path: '/employer/applications', label: '职位投递记录' },
      { path: '/employer/negotiation-hall', label: '洽谈大厅' },
      { path: '/employer/interview-hall', label: '面试大厅' },
      { path: '/employer/agreements', label: '网签三方协议' },
    ],
  },
  {
    path: '/employer/talent',
    label: '人才库',
    icon: <DatabaseOutlined />,
    children: [
      { path: '/employer/talent-pool', label: '人才库' },
      { path: '/employer/view-records', label: '人才查看记录' },
      { path: '/employer/points', label: '会员点数' },
    ],
  },
];

/** School and college staff. */
export const schoolMenu: NavItem[] = [
  { path: '/school', label: '首页', icon: <HomeOutlined /> },
  { path: '/school/admissions', label: '单位审核', icon: <AuditOutlined />, roles: ['school'] },
  { path: '/school/jobfairs', label: '招聘会', icon: <CalendarOutlined /> },
  { path: '/school/graduates', label: '生源信息', icon: <TeamOutlined /> },
  { path: '/school/seeker-facts', label: '信息更正', icon: <AuditOutlined /> },
  { path: '/school/agreements', label: '签约审核', icon: <FileProtectOutlined /> },
  {
    path: '/school/terminations',
    label: '解约审核',
    icon: <ProfileOutlined />,
    roles: ['school'],
  },
  { path: '/school/statistics', label: '统计', icon: <BarChartOutlined />, roles: ['school'] },
  {
    path: '/school/signing-settings',
    label: '签约设置',
    icon: <SettingOutlined />,
    roles: ['school'],
  },
  { path: '/school/settings', label: '设置', icon: <SettingOutlined /> },
  { path: '/school/feedback', label: '意见反馈', icon: <ProfileOutlined /> },
];

/** Certification institution (seed 003 part one): 人才库 first, then 我的. */
export const institutionMenu: NavItem[] = [
  { path: '/institution', label: '人才库', icon: <DatabaseOutlined /> },
  {
    path: '/institution/mine',
    label: '我的',
    icon: <UserOutlined />,
    children: [
      { path: '/institution/jobs', label: '发布招聘' },
      { path: '/institution/profile', label: '机构信息' },
      { path: '/institution/overview', label: '数据概览' },
      { path: '/institution/verification', label: '单位信息确认' },
      { path: '/institution/feedback', label: '意见反馈' },
      { path: '/institution/view-records', label: '人才查看记录' },
      { path: '/institution/applications', label: '招聘投递记录' },
      { path: '/institution/points', label: '会员点数' },
    ],
  },
];

/** Platform admin. */
export const adminMenu: NavItem[] = [
  { path: '/admin', label: '首页', icon: <HomeOutlined /> },
  { path: '/admin/schools', label: '学校管理', icon: <BankOutlined /> },
  { path: '/admin/institutions', label: '认证机构', icon: <SafetyCertificateOutlined /> },
  { path: '/admin/staff', label: '账号管理', icon: <TeamOutlined /> },
  { path: '/admin/registry', label: '认证人员信息库导入', icon: <DatabaseOutlined /> },
  { path: '/admin/certification-changes', label: '认证变更审核', icon: <AuditOutlined /> },
  { path: '/admin/feedback', label: '意见反馈与举报', icon: <ProfileOutlined /> },
  { path: '/admin/job-reviews', label: '职位审核', icon: <SolutionOutlined /> },
  { path: '/admin/chat-safety', label: '被标记消息', icon: <MessageOutlined /> },
  { path: '/admin/banners', label: '轮播图管理', icon: <PictureOutlined /> },
  { path: '/admin/broadcasts', label: '系统消息', icon: <NotificationOutlined /> },
  { path: '/admin/organization-admin', label: '单位管理', icon: <BankOutlined /> },
  { path: '/admin/accounts', label: '账号停用', icon: <UserOutlined /> },
  { path: '/admin/audit', label: '审计日志', icon: <FileProtectOutlined /> },
];

/** Seeker 我的 (seeds 003 part two, 004). */
export const seekerMineMenu: NavItem[] = [
  { path: '/seeker/resume', label: '我的简历' },
  { path: '/seeker/offers', label: '我的签约' },
  { path: '/seeker/card', label: '我的名片' },
  { path: '/seeker/applications', label: '我的应聘' },
  { path: '/seeker/favorites', label: '职位收藏' },
  { path: '/seeker/interviews', label: '面试日程' },
  { path: '/seeker/feedback', label: '意见反馈' },
  { path: '/seeker/privacy', label: '个人信息与隐私' },
];

export const seekerRecruitMenu: NavItem[] = [
  { path: '/seeker/jobs', label: '职位搜索', icon: <AppstoreOutlined /> },
  { path: '/seeker/jobfairs', label: '招聘会', icon: <CalendarOutlined /> },
];
