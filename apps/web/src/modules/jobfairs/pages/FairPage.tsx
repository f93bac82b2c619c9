import { useEffect, useRef, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Popover,
  Row,
  Space,
  Typography,
} from 'antd';
import { ReportLink } from '../../feedback/components/ReportLink.tsx';
import { QrcodeOutlined, ShareAltOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { QRCodeSVG } from 'qrcode.react';
import { formatChinaTime } from '../../jobs/components/chinaTime.ts';
import { fairTypeLabels, type Fair } from '@hirehall/shared/jobfairs';
import { QueryView } from '../../../components/feedback.tsx';
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
    <Card title="参展企业" size="small">
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <Input
          placeholder="输入单位名称、职位名称进行搜索"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onPressEnter={() => setQ(draft.trim())}
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
      </Space.Compact>
      <QueryView
        query={employers}
        isEmpty={(d) => d.length === 0}
        empty={<Empty description="没有符合条件的单位或职位" />}
      >
        {(list) => (
          <Row gutter={[12, 12]}>
            {list.map((e) => (
              <Col xs={24} sm={12} lg={6} key={e.organizationId}>
                <Card size="small" title={e.shortName ?? e.name} style={{ height: '100%' }}>
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
                        <Typography.Text type="danger">{j.salaryText}</Typography.Text>
                      </span>
                      <Link to={`${base}/jobs/${j.id}?fairId=${fairId}`}>投递简历</Link>
                    </div>
                  ))}
                  <Link to={`${base}/jobs?organizationId=${e.organizationId}`}>
                    查看该公司全部职位 &gt;
                  </Link>
                  <ReportLink targetType="organization" targetId={e.organizationId} small />
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </QueryView>
    </Card>
  );
}

/** The public fair page (seed 001 §1). */
export default function FairPage() {
  const { id = '' } = useParams();
  const { account } = useAuth();
  const { message } = App.useApp();
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
          <Space direction="vertical" style={{ width: '100%' }} size={12}>
            <Card size="small">
              <Typography.Text type="secondary">一站式网络招聘会服务</Typography.Text>
              <div style={{ fontSize: 16, margin: '4px 0' }}>
                参会企业 <b>{f.employerCount}</b> 个 | 可投递职位 <b>{f.jobCount}</b> 个 | 关注人次{' '}
                <b>{f.views}</b> 个
              </div>
              <Typography.Title level={3} style={{ marginTop: 8 }}>
                {f.title}
              </Typography.Title>
              <Space wrap style={{ marginBottom: 8 }}>
                <span>浏览：{f.views}次</span>
                <Popover content={<QRCodeSVG value={url} size={160} />} title="扫码查看">
                  <Button size="small" icon={<QrcodeOutlined />}>
                    二维码
                  </Button>
                </Popover>
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
              </Space>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: 't', label: '招聘会类型', children: fairTypeLabels[f.type] },
                  {
                    key: 'time',
                    label: '举办时间',
                    children: `${fmt(f.startsAt)} — ${fmt(f.endsAt)}`,
                  },
                  {
                    key: 'city',
                    label: '举办城市',
                    children: [f.city, f.district].filter(Boolean).join(' - '),
                  },
                  { key: 'addr', label: '举办地址', children: f.address },
                  { key: 'school', label: '主办学校', children: f.schoolName },
                ]}
              />
              {account?.role === 'employer' && f.status === 'published' && (
                <Button type="primary" onClick={() => signUp.mutate()} loading={signUp.isPending}>
                  单位报名参加
                </Button>
              )}
            </Card>
            <Card title="招聘会简介" size="small">
              {f.invitation && <Typography.Paragraph>{f.invitation}</Typography.Paragraph>}
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
            </Card>
            <Employers fairId={f.id} />
          </Space>
        )}
      </QueryView>
    </div>
  );
}
