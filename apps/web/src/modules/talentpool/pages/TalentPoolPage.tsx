import { useState } from 'react';
import { Button, Card, Col, Drawer, Input, List, Row, Space, Tag, Typography } from 'antd';
import { QueryView } from '../../../components/feedback.tsx';
import { describeError, isApiError } from '../../../lib/api.ts';
import { usePool, usePoolCard, usePoints, useReveal } from '../api/talentpool.api.ts';
import { TalentCardView } from '../components/TalentCardView.tsx';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/** 人才库: filter by region, position level and certification domain; reveal for points. */
export default function TalentPoolPage() {
  const [filters, setFilters] = useState({
    region: '',
    positionLevel: '',
    certificationDomain: '',
  });
  const [draft, setDraft] = useState(filters);
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const pool = usePool({ ...filters, page, pageSize: 20 });
  const points = usePoints();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small">
        <Row gutter={8}>
          <Col xs={24} sm={6}>
            <Input
              placeholder="地区，如 成都"
              value={draft.region}
              onChange={(e) => setDraft({ ...draft, region: e.target.value })}
            />
          </Col>
          <Col xs={24} sm={6}>
            <Input
              placeholder="岗位级别"
              value={draft.positionLevel}
              onChange={(e) => setDraft({ ...draft, positionLevel: e.target.value })}
            />
          </Col>
          <Col xs={24} sm={6}>
            <Input
              placeholder="认证领域，如 QMS"
              value={draft.certificationDomain}
              onChange={(e) => setDraft({ ...draft, certificationDomain: e.target.value })}
            />
          </Col>
          <Col xs={24} sm={6}>
            <Space>
              <Button
                type="primary"
                onClick={() => {
                  setPage(1);
                  setFilters(draft);
                }}
              >
                检索
              </Button>
              <Button
                onClick={() => {
                  const empty = { region: '', positionLevel: '', certificationDomain: '' };
                  setDraft(empty);
                  setFilters(empty);
                  setPage(1);
                }}
              >
                重置
              </Button>
              {points.data && (
                <Typography.Text type="secondary">点数余额 {points.data.balance}</Typography.Text>
              )}
            </Space>
          </Col>
        </Row>
      </Card>
      <QueryView query={pool} isEmpty={(d) => d.items.length === 0}>
        {(data) => (
          <List
            dataSource={data.items}
            pagination={{ current: page, total: data.total, pageSize: 20, onChange: setPage }}
            renderItem={(c) => (
              <List.Item onClick={() => setOpenId(c.id)} style={{ cursor: 'pointer' }}>
                <List.Item.Meta
                  title={
                    <Space>
                      {c.name}
                      <Typography.Text type="secondary">
                        {c.age != null ? `${c.age}岁` : ''}
                      </Typography.Text>
                      {c.revealed && <Tag color="green">已查看联系方式</Tag>}
                    </Space>
                  }
                  description={
                    <Space wrap>
                      <span>
                        {c.city} | {c.educationLevel ?? '学历未填'}
                      </span>
                      {c.certificationDomains.map((d) => (
                        <Tag key={d}>{d}</Tag>
                      ))}
                      <span>{c.positionLevel}</span>
                      <span>{c.phone}</span>
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </QueryView>
      <CardDrawer id={openId} onClose={() => setOpenId(null)} cost={points.data?.revealCost} />
    </Space>
  );
}

function CardDrawer({
  id,
  onClose,
  cost,
}: {
  id: string | null;
  onClose: () => void;
  cost?: number;
}) {
  const card = usePoolCard(id);
  const reveal = useReveal();
  const { message, modal } = useFeedback();
  const onReveal = () =>
    modal.confirm({
      title: '查看联系方式',
      content: `查看联系方式将扣除 ${cost ?? ''} 会员点数（同一名片再次查看不再扣点）。`,
      onOk: async () => {
        try {
          const r = await reveal.mutateAsync(id!);
          message.success(
            r.charged > 0 ? `已扣除 ${r.charged} 点，余额 ${r.balance} 点` : '已查看过，不再扣点',
          );
        } catch (err) {
          message.error(
            isApiError(err, 'INSUFFICIENT_POINTS')
              ? `${describeError(err)}，请联系平台充值`
              : describeError(err),
          );
        }
      },
    });
  return (
    <Drawer open={Boolean(id)} onClose={onClose} title="人员名片" width={420}>
      {id && (
        <QueryView query={card}>
          {(c) => (
            <TalentCardView
              card={c}
              extra={
                c.revealed ? (
                  <Tag color="green">已查看</Tag>
                ) : (
                  <Button type="primary" onClick={onReveal} loading={reveal.isPending}>
                    查看联系方式
                  </Button>
                )
              }
            />
          )}
        </QueryView>
      )}
    </Drawer>
  );
}
