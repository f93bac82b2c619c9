import { Card, Empty } from 'antd';

export default function SeekerMessagesPage() {
  return (
    <Card title="消息">
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description="暂无消息。单位回复、面试通知和系统消息会显示在这里。"
      />
    </Card>
  );
}
