import { Button, Card, List, Popconfirm, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { cardStatusLabels } from '@hirehall/shared/talentpool';
import { QueryView } from '../../../components/feedback.tsx';
import { describeError } from '../../../lib/api.ts';
import { useMoveCard, useMyCard, useRevokeShare, useShareCard } from '../api/talentpool.api.ts';
import { TalentCardView } from '../components/TalentCardView.tsx';
import { useFeedback } from '../../../app/AppFeedback.tsx';

const shareUrl = (token: string) => `${window.location.origin}/cards/${token}`;

/** 我的名片: push to or withdraw from the talent pool; share with or without contacts. */
export default function MyCardPage() {
  const query = useMyCard();
  const move = useMoveCard();
  const share = useShareCard();
  const revoke = useRevokeShare();
  const [showContact, setShowContact] = useState(false);
  const { message } = useFeedback();
  const run = async (event: 'push' | 'withdraw') => {
    try {
      await move.mutateAsync(event);
      message.success(event === 'push' ? '已推送到人才库' : '已撤回，机构会员将看不到您的名片');
    } catch (err) {
      message.error(describeError(err));
    }
  };
  return (
    <QueryView query={query}>
      {(card) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          <TalentCardView
            card={card}
            extra={
              <Tag color={card.status === 'pooled' ? 'green' : 'default'}>
                {cardStatusLabels[card.status]}
              </Tag>
            }
          />
          <Typography.Text type="secondary">
            名片内容来自“我的简历”，修改简历后名片同步更新。
          </Typography.Text>
          <Space>
            {card.status === 'pooled' ? (
              <Popconfirm
                title="撤回后机构会员将看不到您的名片，确定撤回？"
                onConfirm={() => run('withdraw')}
              >
                <Button loading={move.isPending}>撤回名片</Button>
              </Popconfirm>
            ) : (
              <Button type="primary" loading={move.isPending} onClick={() => run('push')}>
                推送到人才库
              </Button>
            )}
          </Space>
          <Card title="分享名片">
            <Space>
              <span>显示联系方式</span>
              <Switch checked={showContact} onChange={setShowContact} />
              <Button
                loading={share.isPending}
                onClick={async () => {
                  try {
                    const s = await share.mutateAsync(showContact);
                    await navigator.clipboard?.writeText(shareUrl(s.token)).catch(() => undefined);
                    message.success('分享链接已生成并复制');
                  } catch (err) {
                    message.error(describeError(err));
                  }
                }}
              >
                生成分享链接
              </Button>
            </Space>
            <List
              dataSource={card.shares}
              renderItem={(s) => (
                <List.Item
                  actions={[
                    <Popconfirm
                      key="r"
                      title="停用这个链接？"
                      onConfirm={() => revoke.mutate(s.token)}
                    >
                      <a>停用</a>
                    </Popconfirm>,
                  ]}
                >
                  <Typography.Text copyable>{shareUrl(s.token)}</Typography.Text>
                  <Tag>{s.showContact ? '显示联系方式' : '隐藏联系方式'}</Tag>
                </List.Item>
              )}
            />
          </Card>
        </Space>
      )}
    </QueryView>
  );
}
