import { useState } from 'react';
import { Button, Card, Descriptions, Empty, List, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { CertificationChange } from '@hirehall/shared/organizations';
import { QueryView } from '../../../components/feedback.tsx';
import { ReasonModal } from '../../../components/form-helpers.tsx';
import { describeError } from '../../../lib/api.ts';
import { fileUrl } from '../../organizations/api/organizations.api.ts';
import {
  adminKeys,
  approveCertificationChange,
  fetchCertificationChanges,
  rejectCertificationChange,
} from '../api/admin.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

function licenceLink(id: string | null) {
  return id ? (
    <a href={fileUrl(id)} target="_blank" rel="noreferrer">
      查看
    </a>
  ) : (
    '—'
  );
}

function ChangeCard({ change, onReject }: { change: CertificationChange; onReject: () => void }) {
  const queryClient = useQueryClient();
  const { message, modal } = useFeedback();
  const approve = useMutation({
    mutationFn: () => approveCertificationChange(change.id),
    onSuccess: () => {
      message.success('已通过认证变更');
      void queryClient.invalidateQueries({ queryKey: adminKeys.certificationChanges });
    },
    onError: (error) => message.error(describeError(error)),
  });
  const changed = (a: string | null, b: string | null) =>
    a !== b ? <Typography.Text type="warning">{b ?? '—'}</Typography.Text> : (b ?? '—');
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={change.organizationName}
      extra={
        <span style={{ fontSize: 12 }}>
          提交于 {dayjs(change.createdAt).format('YYYY-MM-DD HH:mm')}
        </span>
      }
    >
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          {
            key: 'name',
            label: '单位全称',
            children: (
              <>
                {change.current.name} → {changed(change.current.name, change.name)}
              </>
            ),
          },
          {
            key: 'code',
            label: '统一社会信用代码',
            children: (
              <>
                {change.current.creditCode ?? '—'} →{' '}
                {changed(change.current.creditCode, change.creditCode)}
              </>
            ),
          },
          {
            key: 'licence',
            label: '营业执照',
            children: (
              <>
                原：{licenceLink(change.current.licenceFileId)}，新：
                {licenceLink(change.licenceFileId)}
              </>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button
          type="primary"
          loading={approve.isPending}
          onClick={() =>
            modal.confirm({
              title: '确认通过认证变更？',
              content: '通过后新的单位名称、信用代码和营业执照立即生效。',
              okText: '通过',
              cancelText: '取消',
              onOk: () => approve.mutateAsync().catch(() => {}),
            })
          }
        >
          通过
        </Button>
        <Button danger onClick={onReject}>
          拒绝
        </Button>
      </Space>
    </Card>
  );
}

export default function CertificationChangesPage() {
  const query = useQuery({
    queryKey: adminKeys.certificationChanges,
    queryFn: fetchCertificationChanges,
  });
  const [rejecting, setRejecting] = useState<CertificationChange | null>(null);
  const queryClient = useQueryClient();
  const { message } = useFeedback();
  return (
    <Card title="认证变更审核">
      <QueryView
        query={query}
        isEmpty={(rows) => rows.length === 0}
        empty={<Empty description="暂无待审核的认证变更" />}
      >
        {(rows) => (
          <List
            dataSource={rows}
            renderItem={(change) => (
              <ChangeCard change={change} onReject={() => setRejecting(change)} />
            )}
          />
        )}
      </QueryView>
      <ReasonModal
        open={!!rejecting}
        title={rejecting ? `拒绝「${rejecting.organizationName}」的认证变更` : '拒绝'}
        okText="拒绝"
        onCancel={() => setRejecting(null)}
        onSubmit={async (reason) => {
          if (!rejecting) return;
          await rejectCertificationChange(rejecting.id, reason);
          message.success('已拒绝认证变更');
          setRejecting(null);
          void queryClient.invalidateQueries({ queryKey: adminKeys.certificationChanges });
        }}
      />
    </Card>
  );
}
