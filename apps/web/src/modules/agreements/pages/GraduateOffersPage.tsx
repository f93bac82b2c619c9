import { useState } from 'react';
import { Alert, Button, Card, Col, Empty, Popconfirm, Row, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { QueryView } from '../../../components/feedback.tsx';
import {
  canAgreement,
  canTermination,
  keyed,
  mayApplyTermination,
  openTerminationOf,
  type KeyedTarget,
} from '../actions.ts';
import { ReasonModal } from '../../../components/form-helpers.tsx';
import { describeError } from '../../../lib/api.ts';
import {
  acceptOffer,
  fetchInbox,
  pdfUrl,
  rejectOffer,
  respondTermination,
} from '../api/agreements.api.ts';
import { AgreementView } from '../components/AgreementView.tsx';
import { TerminationButton } from '../components/TerminationButton.tsx';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/** 剩余 2 天 5 小时 / 剩余 40 分钟 until an offer's deadline. */
function remaining(deadline: string) {
  const minutes = Math.max(0, Math.floor((new Date(deadline).getTime() - Date.now()) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `剩余 ${days} 天 ${hours} 小时`;
  if (hours > 0) return `剩余 ${hours} 小时`;
  return `剩余 ${minutes} 分钟`;
}

/** The graduate's offers side by side, each with its deadline; then their agreements. */
export default function GraduateOffersPage() {
  const client = useQueryClient();
  const { message } = useFeedback();
  const [rejecting, setRejecting] = useState<KeyedTarget | null>(null);
  const [refusing, setRefusing] = useState<KeyedTarget | null>(null);
  const query = useQuery({ queryKey: ['agreements', 'inbox'], queryFn: fetchInbox });
  const refresh = () => void client.invalidateQueries({ queryKey: ['agreements'] });
  const accept = useMutation({
    mutationFn: (v: KeyedTarget) => acceptOffer(v.id, v.key),
    onSuccess: () => {
      message.success('已应约，等待学院审核');
      refresh();
    },
    onError: (e) => message.error(describeError(e)),
  });
  const consent = useMutation({
    mutationFn: (v: KeyedTarget) => respondTermination(v.id, 'consent', undefined, v.key),
    onSuccess: refresh,
    onError: (e) => message.error(describeError(e)),
  });
  return (
    <>
      <Typography.Title level={4}>我的签约</Typography.Title>
      <QueryView query={query}>
        {({ items }) => {
          const pending = items.filter((a) => canAgreement(a, 'accept'));
          const others = items.filter((a) => !canAgreement(a, 'accept'));
          return (
            <>
              <Typography.Title level={5}>待应约的邀约</Typography.Title>
              {pending.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 12 }}
                  message="应约即表示同意签订三方协议：应约后您将与该单位锁定签约，其他邀约自动关闭；如需解除须走解约流程。"
                />
              )}
              {pending.length === 0 && <Empty description="暂无待应约的邀约" />}
              <Row gutter={[12, 12]}>
                {pending.map((a) => (
                  <Col key={a.id} xs={24} lg={12} xxl={8}>
                    <Card
                      title={a.employer.name}
                      actions={[
                        <Popconfirm
                          key="accept"
                          title="确认应约？应约后不能再接受其他单位的邀约。"
                          onConfirm={() => accept.mutate(keyed(a.id))}
                        >
                          <Button type="primary">应约</Button>
                        </Popconfirm>,
                        <Button key="reject" onClick={() => setRejecting(keyed(a.id))}>
                          拒绝
                        </Button>,
                      ]}
                    >
                      <Typography.Paragraph strong type="warning">
                        {`应约截止 ${new Date(a.deadlineAt!).toLocaleString('zh-CN')}（${remaining(a.deadlineAt!)}）`}
                      </Typography.Paragraph>
                      <AgreementView a={a} narrow />
                    </Card>
                  </Col>
                ))}
              </Row>
              <Typography.Title level={5} style={{ marginTop: 24 }}>
                我的协议与历史
              </Typography.Title>
              {others.length === 0 && <Empty />}
              {others.map((a) => {
                const open = openTerminationOf(a);
                return (
                  <Card key={a.id} title={a.employer.name} style={{ marginBottom: 12 }}>
                    <AgreementView a={a} narrow />
                    <Space wrap style={{ marginTop: 12 }}>
                      {a.agreementNumber && (
                        <Button href={pdfUrl(a.id)} target="_blank">
                          打印协议书
                        </Button>
                      )}
                      {mayApplyTermination(a) && <TerminationButton a={a} onDone={refresh} />}
                      {open &&
                        open.initiatedBy === 'employer' &&
                        canTermination(open, 'consent') && (
                          <>
                            <Button danger onClick={() => consent.mutate(keyed(open.id))}>
                              同意解约
                            </Button>
                            <Button onClick={() => setRefusing(keyed(open.id))}>不同意</Button>
                          </>
                        )}
                    </Space>
                  </Card>
                );
              })}
            </>
          );
        }}
      </QueryView>
      <ReasonModal
        open={!!rejecting}
        title="拒绝邀约"
        onCancel={() => setRejecting(null)}
        onSubmit={async (reason) => {
          await rejectOffer(rejecting!.id, reason, rejecting!.key);
          setRejecting(null);
          refresh();
        }}
      />
      <ReasonModal
        open={!!refusing}
        title="不同意解约"
        onCancel={() => setRefusing(null)}
        onSubmit={async (reason) => {
          await respondTermination(refusing!.id, 'refuse', reason, refusing!.key);
          setRefusing(null);
          refresh();
        }}
      />
    </>
  );
}
