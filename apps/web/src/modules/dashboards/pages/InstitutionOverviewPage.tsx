import { useQuery } from '@tanstack/react-query';
import { Space, Typography } from 'antd';
import { EyeOutlined, FileTextOutlined, SolutionOutlined, WalletOutlined } from '@ant-design/icons';
import { QueryView } from '../../../components/feedback.tsx';
import { fetchEmployerDashboard } from '../api/dashboards.api.ts';
import { StatRow } from '../components/Stat.tsx';
import { SystemMessages } from '../components/SystemMessages.tsx';
import { PostingApplicants } from './EmployerOverviewPage.tsx';

/** An institution's overview (seed 003): postings with applicants, view records, points. */
export default function InstitutionOverviewPage() {
  const dashboard = useQuery({
    queryKey: ['dashboards', 'employer'],
    queryFn: fetchEmployerDashboard,
  });
  return (
    <QueryView query={dashboard}>
      {(d) => (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {d.organizationName} · 数据概览
          </Typography.Title>
          <StatRow
            items={[
              { title: '会员点数', value: d.pointsBalance ?? 0, icon: <WalletOutlined /> },
              { title: '在招职位', value: d.postings.published ?? 0, icon: <SolutionOutlined /> },
              { title: '收到投递', value: d.applicationsTotal, icon: <FileTextOutlined /> },
              { title: '人才查看', value: d.viewRecords, icon: <EyeOutlined /> },
            ]}
          />
          <PostingApplicants d={d} />
          <SystemMessages items={d.systemMessages} />
        </Space>
      )}
    </QueryView>
  );
}
