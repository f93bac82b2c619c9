import { CalendarOutlined, SearchOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useSignedInAccount } from '../../../app/session.ts';
import { OverviewCards, SystemMessagesCard } from '../components/DashboardParts.tsx';

const kindLabels = { public: '个人求职者', graduate: '毕业生', certified: '认证人员' } as const;

const shortcutIcon = { fontSize: 28, color: '#1668e3' } as const;

/**
 * The seeker's home, the first page after sign-in: plain elements with antd's look (no
 * Typography, Card or Statistic code, ~40 KB gzipped with the Tabs and inputs they bring).
 */
export default function SeekerHomePage() {
  const account = useSignedInAccount();
  const kinds = account.seekerKinds.map((kind) => kindLabels[kind]).join(' · ');
  return (
    <>
      <h4 className="hh-title" style={{ marginBottom: 4 }}>
        您好，{account.displayName}
      </h4>
      {kinds && (
        <p className="hh-secondary" style={{ margin: '0 0 16px', fontSize: 14 }}>
          {kinds}
        </p>
      )}
      <div className="hh-overview hh-overview-two" style={{ marginBottom: 16 }}>
        <Link to="/seeker/jobs" className="hh-link-card hh-shortcut">
          <SearchOutlined style={shortcutIcon} />
          <div style={{ marginTop: 6 }}>职位搜索</div>
        </Link>
        <Link to="/seeker/jobfairs" className="hh-link-card hh-shortcut">
          <CalendarOutlined style={shortcutIcon} />
          <div style={{ marginTop: 6 }}>招聘会</div>
        </Link>
      </div>
      <OverviewCards
        items={[
          { title: '剩余应聘名额', hint: '最多同时应聘10个岗位' },
          { title: '面试通知' },
          { title: '职位收藏', hint: '最多收藏10个' },
          { title: '未读消息' },
        ]}
      />
      <div style={{ marginTop: 16 }}>
        <SystemMessagesCard />
      </div>
    </>
  );
}
