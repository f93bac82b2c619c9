import { Card, List, Tag } from 'antd';
import { QueryView } from '../../../components/feedback.tsx';
import { useAccessLog } from '../api/resumes.api.ts';

/** Which employers opened or downloaded the resume, and when. */
export function AccessLogCard() {
  const query = useAccessLog();
  return (
    <Card title="谁看过 / 下载过我的简历">
      <QueryView query={query} isEmpty={(d) => d.length === 0}>
        {(items) => (
          <List
            dataSource={items}
            renderItem={(r) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <>
                      {r.organizationName}{' '}
                      <Tag color={r.kind === 'download' ? 'orange' : 'blue'}>
                        {r.kind === 'download'
                          ? `下载了附件 ${r.attachmentName ?? ''}`
                          : '查看了简历'}
                      </Tag>
                    </>
                  }
                  description={`${r.jobTitle ? `应聘职位：${r.jobTitle} · ` : ''}${new Date(r.createdAt).toLocaleString('zh-CN')}`}
                />
              </List.Item>
            )}
          />
        )}
      </QueryView>
    </Card>
  );
}
