import { useState } from 'react';
import { Card, List, Tag } from 'antd';
import { QueryView } from '../../../components/feedback.tsx';
import { useViewRecords } from '../api/talentpool.api.ts';

const PAGE_SIZE = 20;

/** 人才查看记录: the cards this organization looked at, newest first, 20 a page. */
export default function ViewRecordsPage() {
  const [page, setPage] = useState(1);
  const query = useViewRecords(page, PAGE_SIZE);
  return (
    <Card title="人才查看记录">
      <QueryView query={query} isEmpty={(d) => d.total === 0}>
        {(data) => (
          <List
            dataSource={data.items}
            loading={query.isFetching && query.isPlaceholderData}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: data.total,
              onChange: setPage,
              showSizeChanger: false,
              size: 'small',
              showTotal: (total) => `共 ${total} 位人才`,
            }}
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
