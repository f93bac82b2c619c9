import { useState } from 'react';
import { Badge, Card, Col, List, Row, Segmented, Select, Table, Tag, Typography } from 'antd';
import { Link, useLocation, useSearchParams } from 'react-router';
import {
  applicationMarkLabels,
  applicationStatusLabels,
  type ApplicationMark,
  type CandidateSummary,
} from '@hirehall/shared/applications';
import { QueryView } from '../../../components/feedback.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { InviteButton } from '../../interviews/components/InterviewForm.tsx';
import {
  applicationKeys,
  useApplicationFairs,
  useCandidates,
  usePostingCounts,
} from '../api/applications.api.ts';

const markColors: Record<ApplicationMark, string> = {
  qualified: 'green',
  eliminated: 'red',
  undecided: 'orange',
};

export function MarkTag({ mark }: { mark: ApplicationMark | null }) {
  return mark ? (
    <Tag color={markColors[mark]}>{applicationMarkLabels[mark]}</Tag>
  ) : (
    <Tag>未标记</Tag>
  );
}

/** 职位投递记录: postings with "N人投递", and the candidates of one with a mark filter. */
export default function EmployerApplicationsPage() {
  const [params, setParams] = useSearchParams();
  const jobId = params.get('jobId') ?? undefined;
  const fairId = params.get('fairId') ?? undefined;
  const [mark, setMark] = useState<string>('all');
  const [page, setPage] = useState(1);
  const base = useLocation().pathname.replace(/\/$/, '');
  const qc = useQueryClient();
  const postings = usePostingCounts(fairId);
  const fairs = useApplicationFairs();
  const candidates = useCandidates({
    jobId,
    fairId,
    mark: mark === 'all' ? undefined : (mark as ApplicationMark | 'none'),
    page,
    pageSize: 20,
  });

  return (
    <Row gutter={16}>
      <Col xs={24} lg={8} xxl={7}>
        <Card title="职位投递记录">
          <Select
            aria-label="招聘会"
            style={{ width: '100%', marginBottom: 12 }}
            value={fairId ?? ''}
            loading={fairs.isLoading}
            onChange={(v: string) => {
              setPage(1);
              setParams((prev) => {
                const next = new URLSearchParams(prev);
                if (v) next.set('fairId', v);
                else next.delete('fairId');
                return next;
              });
            }}
            options={[
              { value: '', label: '全部投递（不限招聘会）' },
              ...(fairs.data ?? []).map((f) => ({
                value: f.id,
                label: `${f.title}（${new Date(f.startsAt).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })}）`,
              })),
            ]}
          />
          <QueryView query={postings} isEmpty={(d) => d.length === 0}>
            {(items) => (
              <List
                size="small"
                dataSource={items}
                pagination={
                  items.length > 10
                    ? { pageSize: 10, size: 'small', showSizeChanger: false }
                    : false
                }
                renderItem={(p) => (
                  <List.Item
                    style={{
                      cursor: 'pointer',
                      background: p.jobId === jobId ? '#e6f4ff' : undefined,
                    }}
                    onClick={() => {
                      setPage(1);
                      setParams((prev) => {
                        const next = new URLSearchParams(prev);
                        next.set('jobId', p.jobId);
                        return next;
                      });
                    }}
                  >
                    <List.Item.Meta
                      title={<Typography.Text strong>{p.jobTitle}</Typography.Text>}
                      description={`${p.region ?? ''} ${p.total}人投递`}
                    />
                    {p.unread > 0 && <Badge count={p.unread} title="未查看" />}
                  </List.Item>
                )}
              />
            )}
          </QueryView>
        </Card>
      </Col>
      <Col xs={24} lg={16} xxl={17}>
        <Card
          title="投递简历的求职者"
          extra={
            <Segmented
              value={mark}
              onChange={(v) => {
                setPage(1);
                setMark(String(v));
              }}
              options={[
                { value: 'all', label: '全部' },
                { value: 'qualified', label: '合格' },
                { value: 'undecided', label: '待定' },
                { value: 'eliminated', label: '淘汰' },
                { value: 'none', label: '未标记' },
              ]}
            />
          }
        >
          <QueryView query={candidates}>
            {(data) => (
              <Table<CandidateSummary>
                rowKey="id"
                size="small"
                scroll={{ x: 'max-content' }}
                dataSource={data.items}
                pagination={{ current: page, total: data.total, pageSize: 20, onChange: setPage }}
                columns={[
                  {
                    title: '姓名',
                    render: (_, c) => (
                      <Link to={`${base}/${c.id}`} style={{ whiteSpace: 'nowrap' }}>
                        {c.candidateName}
                      </Link>
                    ),
                  },
                  { title: '性别/年龄', render: (_, c) => `${c.gender || '-'} / ${c.age ?? '-'}` },
                  { title: '学历', render: (_, c) => c.educationLevel ?? '-' },
                  { title: '职位', dataIndex: 'jobTitle' },
                  {
                    title: '状态',
                    render: (_, c) => (
                      <span style={{ whiteSpace: 'nowrap' }}>
                        {applicationStatusLabels[c.status]}
                      </span>
                    ),
                  },
                  { title: '标记', render: (_, c) => <MarkTag mark={c.mark} /> },
                  {
                    title: '投递时间',
                    render: (_, c) => new Date(c.createdAt).toLocaleDateString('zh-CN'),
                  },
                  {
                    title: '操作',
                    render: (_, c) =>
                      c.status === 'submitted' || c.status === 'viewed' ? (
                        <InviteButton
                          applicationId={c.id}
                          onInvited={() =>
                            void qc.invalidateQueries({ queryKey: applicationKeys.all })
                          }
                        />
                      ) : null,
                  },
                ]}
              />
            )}
          </QueryView>
        </Card>
      </Col>
    </Row>
  );
}
