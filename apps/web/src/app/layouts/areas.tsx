import { EmployerContextSwitch } from '../../modules/organizations/components/EmployerContextSwitch.tsx';
import {
  adminMenu,
  employerMenu,
  institutionMenu,
  menuForRole,
  schoolMenu,
} from '../navigation.tsx';
import { useSignedInAccount } from '../session.ts';
import { ConsoleLayout } from './ConsoleLayout.tsx';

export function EmployerLayout() {
  return (
    <ConsoleLayout title="用人单位" menu={employerMenu} headerExtra={<EmployerContextSwitch />} />
  );
}

export function SchoolLayout() {
  const account = useSignedInAccount();
  const title = account.role === 'college' ? '学院管理' : '学校就业指导中心';
  return <ConsoleLayout title={title} menu={menuForRole(schoolMenu, account.role)} />;
}

export function InstitutionLayout() {
  return <ConsoleLayout title="认证机构" menu={institutionMenu} />;
}

export function AdminLayout() {
  return <ConsoleLayout title="平台管理" menu={adminMenu} />;
}
