import { Button } from 'antd';
import { HeartFilled, HeartOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { educationLevels, employmentTypes, labelOf } from '@hirehall/shared/job-options';
import { QueryView } from '../../../components/feedback.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { describeError } from '../../../lib/api.ts';
import { useAuth } from '../../../app/session.ts';
import { addFavorite, fetchJob, jobKeys, removeFavorite } from '../api/jobs.api.ts';
import { useSeekerBase } from '../components/base.ts';
import { ApplyButton } from '../../applications/components/ApplyButton.tsx';
import { ReportJobLinks } from '../../feedback/components/ReportLink.tsx';
import { useFeedback } from '../../../app/AppFeedback.tsx';
import { LazyPopover } from '../../../components/LazyOverlay.tsx';

const heading = { fontSize: 16, fontWeight: 600, margin: '16px 0 8px' } as const;
const paragraph = { whiteSpace: 'pre-wrap', margin: '0 0 1em' } as const;

/** 职位详情: description, skills, probation behind the button next to monthly pay (seed 004 §3.5). */
export default function JobDetailPage() {
  const { id = '' } = useParams();
  const [searchParams] = useSearchParams();
  const base = useSeekerBase();
  const navigate = useNavigate();
  const location = useLocation();
  const { account } = useAuth();
  const { message } = useFeedback();
  const client = useQueryClient();
  const job = useQuery({ queryKey: jobKeys.detail(id), queryFn: () => fetchJob(id) });
  const toggle = useMutation({
    mutationFn: (fav: boolean) => (fav ? removeFavorite(id) : addFavorite(id)),
    onSuccess: (_d, fav) => {
      message.success(fav ? '已取消收藏' : '已收藏');
      void client.invalidateQueries({ queryKey: jobKeys.detail(id) });
      void client.invalidateQueries({ queryKey: jobKeys.favorites });
    },
    onError: (e) => message.error(describeError(e)),
  });
  return (
    <div style={{ maxWidth: 760, margin: '0 auto' }}>
      <QueryView query={job}>
        {(j) => (
          <Panel
            title={<h1 style={{ fontSize: 16, fontWeight: 600, margin: '8px 0' }}>{j.title}</h1>}
            extra={
              <Button
                type="text"
                icon={
                  j.isFavorite ? <HeartFilled style={{ color: '#eb2f96' }} /> : <HeartOutlined />
                }
                loading={toggle.isPending}
                onClick={() => {
                  if (account?.role !== 'seeker') {
                    message.info('请以求职者身份登录后收藏');
                    const next = encodeURIComponent(location.pathname + location.search);
                    navigate(`/login/seeker?next=${next}`);
                    return;
                  }
                  toggle.mutate(j.isFavorite);
                }}
              >
                {j.isFavorite ? '已收藏' : '收藏'}
              </Button>
            }
          >
            <dl className="hh-facts" style={{ gridTemplateColumns: '1fr' }}>
              {[
                { key: 'org', label: '用人单位', children: j.organizationName },
                {
                  key: 'pay',
                  label: '月收入',
                  children: (
                    <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
                      <span style={{ color: '#cf1322' }}>{j.salaryText}</span>
                      <LazyPopover
                        trigger="click"
                        title="试用期信息"
                        content={
                          j.probationMonths
                            ? `试用期 ${j.probationMonths} 个月，试用期薪资 ${j.probationSalary ?? '面议'} 元/月`
                            : '无试用期'
                        }
                      >
                        <Button size="small" icon={<InfoCircleOutlined />}>
                          试用期
                        </Button>
                      </LazyPopover>
                    </span>
                  ),
                },
                { key: 'edu', label: '学历要求', children: labelOf(educationLevels, j.education) },
                {
                  key: 'age',
                  label: '年龄要求',
                  children: `${j.ageMin ?? 16}-${j.ageMax ?? 65}岁`,
                },
                { key: 'n', label: '招聘人数', children: j.headcount ?? '若干' },
                {
                  key: 'type',
                  label: '工作性质',
                  children: labelOf(employmentTypes, j.employmentType),
                },
                { key: 'loc', label: '工作地点', children: j.district ?? j.region ?? '—' },
                ...(j.certificationDomain || j.positionType
                  ? [
                      {
                        key: 'cert',
                        label: '认证领域/岗位',
                        children: [j.certificationDomain, j.positionType, j.positionLevel]
                          .filter(Boolean)
                          .join(' / '),
                      },
                    ]
                  : []),
              ].map((item) => (
                <div key={item.key}>
                  <dt>{item.label}</dt>
                  <dd>{item.children}</dd>
                </div>
              ))}
            </dl>
            <h2 style={heading}>职位描述</h2>
            <p style={paragraph}>{j.description}</p>
            <h2 style={heading}>技能要求</h2>
            <p style={paragraph}>{j.skills || '—'}</p>
            <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
              <ApplyButton jobId={j.id} fairId={searchParams.get('fairId') ?? undefined} />
              <Link to={`${base}/jobs?organizationId=${j.organizationId}`}>查看该公司全部职位</Link>
              <ReportJobLinks jobId={j.id} organizationId={j.organizationId} />
            </div>
          </Panel>
        )}
      </QueryView>
    </div>
  );
}
