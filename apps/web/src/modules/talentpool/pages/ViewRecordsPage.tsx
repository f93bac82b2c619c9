import { Card, List, Tag } from 'antd';
import { QueryView } from '../../../components/feedback.tsx';
import { useViewRecords } from '../api/talentpool.api.ts';

/** 人才查看记录: the cards this organization looked at, newest first. */
export default function ViewRecordsPage() {
  const query = useViewRecords();
  return (
    <Card title="人才查看记录">
      <QueryView query={query} isEmpty={(d) => d.length === 0}>
        {(items) => (
          <List
            dataSource={items}
            renderItem={(r) => (
              <List.Item extra={new Date(r.lastViewedAt).toLocaleString('zh-CN')}>
                <List.Item.Meta
                  title={`${r.card.name} ${r.card.age != null ? `${r.card.age}岁` : ''}`}
                  description={
                    <>
                      {r.card.city} | {r.card.educationLevel ?? '-'}{' '}
                      {r.card.certificationDomains.map((d) => (
                        <Tag key={d}>{d}</Tag>
                      ))}{' '}
                      查看 {r.viewCount} 次{r.card.revealed ? ` · ${r.card.phone ?? ''}` : ''}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </QueryView>
    </Card>
  );
}
