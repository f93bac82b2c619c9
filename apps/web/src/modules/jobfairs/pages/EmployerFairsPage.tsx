import { useState } from 'react';
import { Button, Card, Checkbox, Empty, List, Modal, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatChinaTime } from '../../jobs/components/chinaTime.ts';
import { signupStatusLabels } from '@hirehall/shared/jobfair-options';
import type { EmployerFair } from '@hirehall/shared/jobfairs';
import { QueryView } from '../../../components/feedback.tsx';
import { describeError } from '../../../lib/api.ts';
import { fetchOwnJobs, jobKeys } from '../../jobs/api/jobs.api.ts';
import {
  chooseFairJobs,
  fairKeys,
  fetchEmployerFairs,
  signUpForFair,
} from '../api/jobfairs.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

function PickJobs({ fair, onDone }: { fair: EmployerFair; onDone: () => void }) {
  const { message } = useFeedback();
  const jobs = useQuery({ queryKey: jobKeys.own, queryFn: fetchOwnJobs });
  const [chosen, setChosen] = useState<string[]>(fair.signup?.jobIds ?? []);
  const save = useMutation({
    mutationFn: () => chooseFairJobs(fair.id, chosen),
    onSuccess: () => {
      message.success('参会职位已更新');
      onDone();
    },
    onError: (e) => message.error(describeError(e)),
  });
  return (
    <QueryView query={jobs}>
      {(list) => {
        const live = list.filter((j) => j.status === 'published');
        return live.length === 0 ? (
          <Empty description="没有招聘中的职位，请先发布职位" />
        ) : (
          <>
            <Checkbox.Group
              value={chosen}
              onChange={(v) => setChosen(v as string[])}
              style={{ display: 'block' }}
            >
              {live.map((j) => (
                <div key={j.id} style={{ padding: '4px 0' }}>
                  <Checkbox value={j.id}>
                    {j.title} <Typography.Text type="danger">{j.salaryText}</Typography.Text>
                  </Checkbox>
                </div>
              ))}
            </Checkbox.Group>
            <Button
              type="primary"
              style={{ marginTop: 12 }}
              onClick={() => save.mutate()}
              loading={save.isPending}
            >
              保存
            </Button>
          </>
        );
      }}
    </QueryView>
  );
}

/** 招聘会 for employers: fairs of admitting schools, 单位报名参加, choosing postings. */
export default function EmployerFairsPage() {
  const { message } = useFeedback();
  const client = useQueryClient();
  const [picking, setPicking] = useState<EmployerFair | null>(null);
  const fairs = useQuery({ queryKey: fairKeys.employer, queryFn: fetchEmployerFairs });
  const refresh = () => client.invalidateQueries({ queryKey: ['fairs'] });
  const signUp = useMutation({
    mutationFn: (id: string) => signUpForFair(id),
    onSuccess: () => {
      message.success('已报名，请等待学校审核');
      void refresh();
    },
    onError: (e) => message.error(describeError(e)),
  });
  return (
    <div>
      <Typography.Title level={4}>招聘会</Typography.Title>
      <QueryView
        query={fairs}
        isEmpty={(d) => d.length === 0}
        empty={<Empty description="入驻学校暂无招聘会" />}
      >
        {(list) => (
          <List
            dataSource={list}
            renderItem={(f) => (
              <Card size="small" style={{ marginBottom: 12 }}>
                <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                  <div>
                    <Link to={`/jobfairs/${f.id}`}>
                      <Typography.Text strong>{f.title}</Typography.Text>
                    </Link>
                    <div style={{ color: 'rgba(0,0,0,0.45)' }}>
                      {f.schoolName} · {formatChinaTime(f.startsAt, 'YYYY-MM-DD')} —{' '}
                      {formatChinaTime(f.endsAt, 'MM-DD')}
                      {f.status === 'closed' && ' · 已结束'}
                    </div>
                    {f.signup && (
                      <div>
                        <Tag>{signupStatusLabels[f.signup.status]}</Tag>
                        {f.signup.reason && (
                          <Typography.Text type="danger">
                            驳回原因：{f.signup.reason}
                          </Typography.Text>
                        )}
                        {f.signup.status === 'approved' &&
                          `已选 ${f.signup.jobIds.length} 个参会职位`}
                      </div>
                    )}
                  </div>
                  <Space>
                    {f.status === 'published' && (!f.signup || f.signup.status === 'rejected') && (
                      <Button type="primary" onClick={() => signUp.mutate(f.id)}>
                        单位报名参加
                      </Button>
                    )}
                    {f.signup?.status === 'approved' && (
                      <Button onClick={() => setPicking(f)}>选择参会职位</Button>
                    )}
                  </Space>
                </Space>
              </Card>
            )}
          />
        )}
      </QueryView>
      <Modal
        open={picking !== null}
        title="选择参会职位"
        footer={null}
        onCancel={() => setPicking(null)}
        destroyOnHidden
      >
        {picking && (
          <PickJobs
            fair={picking}
            onDone={() => {
              setPicking(null);
              void refresh();
            }}
          />
        )}
      </Modal>
    </div>
  );
}
