import { Card, Descriptions, Tag } from 'antd';
import type { ReactNode } from 'react';
import type { TalentCard } from '@hirehall/shared/talentpool';
import { ReportLink } from '../../feedback/components/ReportLink.tsx';

/** 名片: name, age, city, education, certification domains, position level, intention. */
export function TalentCardView({ card, extra }: { card: TalentCard; extra?: ReactNode }) {
  return (
    <Card title={card.name || '未填写姓名'} extra={extra}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label="年龄">
          {card.age != null ? `${card.age}岁` : '-'}
        </Descriptions.Item>
        <Descriptions.Item label="城市">{card.city || '-'}</Descriptions.Item>
        <Descriptions.Item label="学历">{card.educationLevel ?? '-'}</Descriptions.Item>
        <Descriptions.Item label="认证领域">
          {card.certificationDomains.length
            ? card.certificationDomains.map((d) => <Tag key={d}>{d}</Tag>)
            : '-'}
        </Descriptions.Item>
        <Descriptions.Item label="岗位级别">{card.positionLevel || '-'}</Descriptions.Item>
        <Descriptions.Item label="求职意向">{card.intention || '-'}</Descriptions.Item>
        <Descriptions.Item label="联系电话">{card.phone ?? '-'}</Descriptions.Item>
        <Descriptions.Item label="邮箱">{card.email ?? '-'}</Descriptions.Item>
      </Descriptions>
      <ReportLink targetType="card" targetId={card.id} />
    </Card>
  );
}
