import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Button, Empty } from 'antd';
import { ReportLink } from '../../feedback/components/ReportLink.tsx';
import { QrcodeOutlined, ShareAltOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { formatChinaTime } from '../../jobs/components/chinaTime.ts';
import { fairTypeLabels } from '@hirehall/shared/jobfair-options';
import type { Fair } from '@hirehall/shared/jobfairs';
import { QueryView } from '../../../components/feedback.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { describeError } from '../../../lib/api.ts';
import { useAuth } from '../../../app/session.ts';
import { useSeekerBase } from '../../jobs/components/base.ts';
import {
  fairKeys,
  fetchFair,
  fetchFairEmployers,
  signUpForFair,
  visitFair,
} from '../api/jobfairs.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';
import { LazyPopover } from '../../../components/LazyOverlay.tsx';

// the QR code and its popover load when 二维码 is first pointed at or tapped
const FairQrCode = lazy(() => import('../components/FairQrCode.tsx'));

const fmt = (d: string) => formatChinaTime(d);

function Employers({ fairId }: { fairId: string }) {
  const base = useSeekerBase();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const employers = useQuery({
    queryKey: fairKeys.employers(fairId, q),
    queryFn: () => fetchFairEmployers(fairId, q),
  });
  return (
    <Panel title="参展企业">
      <div style={{ display: 'flex', gap: 8, marginBottom: 12 }}>
        <input
          className="hh-input"
          type="search"
          placeholder="输入单位名称、职位名称进行搜索"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') setQ(draft.trim());
          }}
          aria-label="搜索单位或职位"
        />
        <Button type="primary" onClick={() => setQ(draft.trim())}>
          搜索
        </Button>
        <Button
          onClick={() => {
            setDraft('');
            setQ('');
          }}
        >
          重置
        </Button>
      </div>
      <QueryView
        query={employers}
        isEmpty={(d) => d.length === 0}
        empty={<Empty description="没有符合条件的单位或职位" />}
      >
        {(list) => (
          <div className="hh-grid">
            {list.map((e) => (
              <Panel key={e.organizationId} title={e.shortName ?? e.name}>
                {e.shortName && (
                  <div style={{ color: 'rgba(0,0,0,0.62)', marginBottom: 4 }}>{e.name}</div>
                )}
                {e.jobs.map((j) => (
                  <div
                    key={j.id}
                    style={{
                      display: 'flex',
                      justifyContent: 'space-between',
                      gap: 8,
                      padding: '4px 0',
                    }}
                  >
                    <span>
                      <Link to={`${base}/jobs/${j.id}?fairId=${fairId}`}>{j.title}</Link>{' '}
                      <span style={{ color: '#cf1322' }}>{j.salaryText}</span>
                    </span>
                    <Link to={`${base}/jobs/${j.id}?fairId=${fairId}`}>投递简历</Link>
                  </div>
                ))}
                <Link to={`${base}/jobs?organizationId=${e.organizationId}`}>
                  查看该公司全部职位 &gt;
                </Link>
                <ReportLink targetType="organization" targetId={e.organizationId} small />
              </Panel>
            ))}
          </div>
        )}
      </QueryView>
    </Panel>
  );
}

/** The public fair page (seed 001 §1). */
export default function FairPage() {
  const { id = '' } = useParams();
  const { account } = useAuth();
  const { message } = useFeedback();
  const client = useQueryClient();
  const [expanded, setExpanded] = useState(false);
  const fair = useQuery({ queryKey: fairKeys.one(id), queryFn: () => fetchFair(id) });
  const counted = useRef(false);
  useEffect(() => {
    if (counted.current) return;
    counted.current = true;
    void visitFair(id)
      .then(({ views }) =>
        client.setQueryData(fairKeys.one(id), (f: Fair | undefined) => (f ? { ...f, views } : f)),
      )
      .catch(() => undefined);
  }, [id, client]);
  const signUp = useMutation({
    mutationFn: () => signUpForFair(id),
    onSuccess: () => message.success('已报名，请等待学校审核'),
    onError: (e) => message.error(describeError(e)),
  });
  const url = typeof window === 'undefined' ? '' : window.location.href;
  return (
    <div style={{ maxWidth: 1100, margin: '0 auto' }}>
      <QueryView query={fair}>
        {(f) => (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            <Panel>
              <span style={{ color: 'rgba(0,0,0,0.62)' }}>一站式网络招聘会服务</span>
              <div style={{ fontSize: 16, margin: '4px 0' }}>
                参会企业 <b>{f.employerCount}</b> 个 | 可投递职位 <b>{f.jobCount}</b> 个 | 关注人次{' '}
                <b>{f.views}</b> 个
              </div>
              <h1 style={{ fontSize: 24, fontWeight: 600, lineHeight: 1.35, margin: '8px 0' }}>
                {f.title}
              </h1>
              <div
                style={{
                  display: 'flex',
                  flexWrap: 'wrap',
                  alignItems: 'center',
                  gap: 8,
                  marginBottom: 8,
                }}
              >
                <span>浏览：{f.views}次</span>
                <LazyPopover
                  content={
                    <Suspense fallback={<div style={{ width: 160, height: 160 }} />}>
                      <FairQrCode value={url} />
                    </Suspense>
                  }
                  title="扫码查看"
                >
                  <Button size="small" icon={<QrcodeOutlined />}>
                    二维码
                  </Button>
                </LazyPopover>
                <Button
                  size="small"
                  icon={<ShareAltOutlined />}
                  onClick={() =>
                    void navigator.clipboard
                      ?.writeText(url)
                      .then(() => message.success('链接已复制，可分享给好友'))
                      .catch(() => message.info(url))
                  }
                >
                  分享
                </Button>
              </div>
              <dl className="hh-facts">
                {[
                  ['招聘会类型', fairTypeLabels[f.type]],
                  ['举办时间', `${fmt(f.startsAt)} — ${fmt(f.endsAt)}`],
                  ['举办城市', [f.city, f.district].filter(Boolean).join(' - ')],
                  ['举办地址', f.address],
                  ['主办学校', f.schoolName],
                ].map(([label, value]) => (
                  <div key={label}>
                    <dt>{label}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
              {account?.role === 'employer' && f.status === 'published' && (
                <Button type="primary" onClick={() => signUp.mutate()} loading={signUp.isPending}>
                  单位报名参加
                </Button>
              )}
            </Panel>
            <Panel title="招聘会简介">
              {f.invitation && <p style={{ margin: '0 0 1em' }}>{f.invitation}</p>}
              <div
                style={{
                  // plain-text introductions keep their line breaks
                  whiteSpace: f.introduction.includes('<') ? undefined : 'pre-wrap',
                  ...(expanded ? {} : { maxHeight: 160, overflow: 'hidden' }),
                }}
                // sanitized on the server with sanitize-html
                dangerouslySetInnerHTML={{ __html: f.introduction }}
              />
              <Button type="link" onClick={() => setExpanded((e) => !e)} style={{ padding: 0 }}>
                {expanded ? '收起' : '展开详情'}
              </Button>
            </Panel>
            <Employers fairId={f.id} />
          </div>
        )}
      </QueryView>
    </div>
  );
}
