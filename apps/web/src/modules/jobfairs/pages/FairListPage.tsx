import { Empty, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatChinaTime } from '../../jobs/components/chinaTime.ts';
import { fairTypeLabels } from '@hirehall/shared/jobfair-options';
import { QueryView } from '../../../components/feedback.tsx';
import { useSeekerBase } from '../../jobs/components/base.ts';
import { fairKeys, fetchFairs } from '../api/jobfairs.api.ts';

const fmt = (d: string) => formatChinaTime(d);

/** 招聘会 list for seekers and visitors. */
export default function FairListPage() {
  const base = useSeekerBase();
  const fairs = useQuery({ queryKey: fairKeys.list, queryFn: fetchFairs });
  return (
    <div style={{ maxWidth: 900, margin: '0 auto' }}>
      <h1 style={{ fontSize: 20, fontWeight: 600, margin: '0 0 16px' }}>招聘会</h1>
      <QueryView
        query={fairs}
        isEmpty={(d) => d.length === 0}
        empty={<Empty description="暂无招聘会" />}
      >
        {(list) => (
          <>
            {list.map((f) => (
              <Link key={f.id} to={`${base}/jobfairs/${f.id}`} className="hh-link-card">
                <span style={{ fontSize: 16, fontWeight: 600 }}>{f.title}</span>{' '}
                {f.status === 'closed' ? <Tag>已结束</Tag> : <Tag color="#237804">进行中</Tag>}
                <div style={{ color: 'rgba(0,0,0,0.65)', marginTop: 4 }}>
                  {fairTypeLabels[f.type]} · {f.schoolName} · {fmt(f.startsAt)} — {fmt(f.endsAt)}
                </div>
                <div style={{ color: 'rgba(0,0,0,0.62)' }}>
                  参会企业 {f.employerCount} 个 | 可投递职位 {f.jobCount} 个 | 关注人次 {f.views}
                </div>
              </Link>
            ))}
          </>
        )}
      </QueryView>
    </div>
  );
}
