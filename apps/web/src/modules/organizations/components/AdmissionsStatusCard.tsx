import { useState } from 'react';
import { Button, Card, Empty, List, Modal, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Admission } from '@hirehall/shared/organizations';
import { describeError } from '../../../lib/api.ts';
import dayjs from 'dayjs';
import { QueryView } from '../../../components/feedback.tsx';
import { applyForAdmissions, fetchAdmissions, organizationKeys } from '../api/organizations.api.ts';
import { AdmissionApplyForm } from './AdmissionApplyForm.tsx';
import { admissionStatusLabels } from './labels.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/** The employer's admission per school and year, with rejection reasons and 申请更多学校. */
export function AdmissionsStatusCard() {
  const query = useQuery({ queryKey: organizationKeys.admissions, queryFn: fetchAdmissions });
  const [applying, setApplying] = useState(false);
  const queryClient = useQueryClient();
  const { message } = useFeedback();
  const reapply = useMutation({
    mutationFn: (item: Admission) =>
      applyForAdmissions([{ schoolId: item.schoolId, graduationYear: item.graduationYear }]),
    onSuccess: () => {
      message.success('已重新提交申请，请等待学校审核');
      void queryClient.invalidateQueries({ queryKey: organizationKeys.admissions });
    },
    onError: (error) => message.error(describeError(error)),
  });

  return (
    <Card
      title="学校入驻审核"
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setApplying(true)}>
          申请更多学校
        </Button>
      }
    >
      <QueryView
        query={query}
        isEmpty={(rows) => rows.length === 0}
        empty={
          <Empty description="尚未申请任何学校的招聘业务">
            <Button type="primary" onClick={() => setApplying(true)}>
              申请招聘业务
            </Button>
          </Empty>
        }
      >
        {(rows) => (
          <List
            dataSource={rows}
            renderItem={(item) => (
              <List.Item>
                <div style={{ width: '100%' }}>
                  <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                    <Typography.Text strong>
                      {item.schoolName} · {item.graduationYear}届
                    </Typography.Text>
                    <Tag color={admissionStatusLabels[item.status].color}>
                      {admissionStatusLabels[item.status].text}
                    </Tag>
                  </Space>
                  <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 13, marginTop: 4 }}>
                    申请于 {dayjs(item.createdAt).format('YYYY-MM-DD')}
                    {item.reviewedAt
                      ? `，审核于 ${dayjs(item.reviewedAt).format('YYYY-MM-DD')}`
                      : ''}
                  </div>
                  {item.status === 'pending' && (
                    <div style={{ fontSize: 13, marginTop: 4 }}>等待学校就业指导中心审核</div>
                  )}
                  {item.status === 'rejected' && (
                    <>
                      <Typography.Paragraph type="danger" style={{ margin: '4px 0 8px' }}>
                        拒绝原因：{item.reason ?? '未填写'}
                      </Typography.Paragraph>
                      <Button
                        size="small"
                        loading={reapply.isPending && reapply.variables?.id === item.id}
                        onClick={() => reapply.mutate(item)}
                      >
                        修改资料后重新申请
                      </Button>
                    </>
                  )}
                </div>
              </List.Item>
            )}
          />
        )}
      </QueryView>
      <Modal
        open={applying}
        title="申请招聘业务"
        footer={null}
        onCancel={() => setApplying(false)}
        destroyOnHidden
      >
        <AdmissionApplyForm
          existing={query.data ?? []}
          submitText="提交申请"
          extraButtons={<Button onClick={() => setApplying(false)}>取消</Button>}
          onApplied={() => {
            setApplying(false);
            message.success('已提交申请，请等待学校审核');
            void queryClient.invalidateQueries({ queryKey: organizationKeys.admissions });
          }}
        />
      </Modal>
    </Card>
  );
}
