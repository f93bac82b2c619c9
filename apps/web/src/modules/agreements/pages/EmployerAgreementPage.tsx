import { useState } from 'react';
import { Button, Card, Drawer, Popconfirm, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { clauseKeys } from '@hirehall/shared/agreements';
import {
  canAgreement,
  canTermination,
  mayApplyTermination,
  newActionKey,
  openTerminationOf,
} from '../actions.ts';
import { QueryView } from '../../../components/feedback.tsx';
import { describeError } from '../../../lib/api.ts';
import { useSignedInAccount } from '../../../app/session.ts';
import { fetchAgreement, offerAction, pdfUrl, respondTermination } from '../api/agreements.api.ts';
import { AgreementView } from '../components/AgreementView.tsx';
import { OfferForm } from '../components/OfferForm.tsx';
import { TerminationButton } from '../components/TerminationButton.tsx';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/** 邀约详情: send, withdraw, edit, print, terminate. */
export default function EmployerAgreementPage() {
  const { id = '' } = useParams();
  const account = useSignedInAccount();
  const [editing, setEditing] = useState(false);
  const client = useQueryClient();
  const { message } = useFeedback();
  const query = useQuery({ queryKey: ['agreements', id], queryFn: () => fetchAgreement(id) });
  const refresh = () => void client.invalidateQueries({ queryKey: ['agreements'] });
  const act = useMutation({
    mutationFn: (v: { action: 'send' | 'withdraw' | 'discard'; key: string }) =>
      offerAction(id, v.action, v.key),
    onSuccess: () => {
      message.success('操作成功');
      refresh();
    },
    onError: (e) => message.error(describeError(e)),
  });
  const respond = useMutation({
    mutationFn: (v: { tid: string; event: 'consent' | 'withdraw'; key: string }) =>
      respondTermination(v.tid, v.event, undefined, v.key),
    onSuccess: refresh,
    onError: (e) => message.error(describeError(e)),
  });
  return (
    <QueryView query={query}>
      {(a) => {
        const open = openTerminationOf(a);
        const act$ = (action: 'send' | 'withdraw' | 'discard') =>
          act.mutate({ action, key: newActionKey() });
        const allConfirmed = a.confirmedClauses.length === clauseKeys.length;
        return (
          <Card
            title={`邀约详情 · ${a.graduate.name}`}
            extra={
              <Space>
                {canAgreement(a, 'send') && (
                  <>
                    <Button onClick={() => setEditing(true)}>编辑</Button>
                    <Button type="primary" disabled={!allConfirmed} onClick={() => act$('send')}>
                      {a.reviewStatus === 'returned' ? '重新发起邀约' : '发起邀约'}
                    </Button>
                    {canAgreement(a, 'discard') && (
                      <Popconfirm title="作废此草稿？" onConfirm={() => act$('discard')}>
                        <Button danger>作废</Button>
                      </Popconfirm>
                    )}
                  </>
                )}
                {canAgreement(a, 'withdraw') && (
                  <Button onClick={() => act$('withdraw')}>撤回</Button>
                )}
                {a.agreementNumber && (
                  <Button type="primary" href={pdfUrl(a.id)} target="_blank">
                    打印协议书
                  </Button>
                )}
                {mayApplyTermination(a) && <TerminationButton a={a} onDone={refresh} />}
                {open && open.initiatedBy === 'graduate' && canTermination(open, 'consent') && (
                  <Button
                    type="primary"
                    danger
                    onClick={() =>
                      respond.mutate({ tid: open.id, event: 'consent', key: newActionKey() })
                    }
                  >
                    同意解约
                  </Button>
                )}
                {open && open.initiatedBy === 'employer' && canTermination(open, 'withdraw') && (
                  <Button
                    onClick={() =>
                      respond.mutate({ tid: open.id, event: 'withdraw', key: newActionKey() })
                    }
                  >
                    撤回解约申请
                  </Button>
                )}
              </Space>
            }
          >
            {canAgreement(a, 'send') && !allConfirmed && (
              <Typography.Paragraph type="warning">
                请编辑并逐条确认全部条款后再发起邀约。
              </Typography.Paragraph>
            )}
            <AgreementView a={a} />
            <Drawer
              open={editing}
              width={560}
              title="修改邀约"
              onClose={() => setEditing(false)}
              destroyOnHidden
            >
              <OfferForm
                agreement={a}
                employerName={account.organization?.name ?? a.employer.name}
                onSaved={() => {
                  setEditing(false);
                  refresh();
                }}
              />
            </Drawer>
          </Card>
        );
      }}
    </QueryView>
  );
}
