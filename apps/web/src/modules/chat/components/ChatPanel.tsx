import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Image, Input, Popover, Space, Spin, Typography, Upload } from 'antd';
import { ReportLink } from '../../feedback/components/ReportLink.tsx';
import { PictureOutlined, SmileOutlined } from '@ant-design/icons';
import {
  CHAT_IMAGE_MAX_BYTES,
  MESSAGE_MAX_CHARS,
  SAFETY_WARNING,
  emojiSet,
  safetyFlagLabels,
  type ChatMessage,
} from '@hirehall/shared/chat';
import { describeError } from '../../../lib/api.ts';
import { uploadChatImage, useChat, type OutgoingMessage } from '../api/chat.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

interface Props {
  conversationId: string;
  /** which side this viewer is on */
  side: 'employer' | 'seeker';
  peerName: string;
  /** fills the screen height on a phone */
  height?: number | string;
}

/** The chat of one conversation: history, live messages, emoji, images, receipts, presence. */
export function ChatPanel({ conversationId, side, peerName, height = 520 }: Props) {
  const chat = useChat(conversationId);
  const { message } = useFeedback();
  const [text, setText] = useState('');
  const [uploading, setUploading] = useState(false);
  const bottom = useRef<HTMLDivElement>(null);
  const lastSeq = chat.messages.at(-1)?.seq ?? 0;
  const { markRead } = chat;

  useLayoutEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [chat.messages.length, chat.outbox.length]);
  useEffect(() => {
    if (lastSeq > 0 && document.visibilityState === 'visible') void markRead(lastSeq);
  }, [lastSeq, markRead]);

  const flaggedForMe =
    side === 'seeker' &&
    chat.messages.some((m) => m.senderSide === 'employer' && m.flags.length > 0);

  const sendText = async () => {
    const body = text.trim();
    if (!body) return;
    setText('');
    try {
      await chat.send({ clientId: crypto.randomUUID(), body, kind: 'text', state: 'sending' });
    } catch (e) {
      message.error(describeError(e));
    }
  };

  const sendImage = async (file: File) => {
    if (file.size > CHAT_IMAGE_MAX_BYTES) {
      message.error(`图片不能超过${CHAT_IMAGE_MAX_BYTES / 1024 / 1024}MB`);
      return;
    }
    setUploading(true);
    try {
      const { fileId } = await uploadChatImage(conversationId, file);
      await chat.send({
        clientId: crypto.randomUUID(),
        body: '',
        kind: 'image',
        imageFileId: fileId,
        state: 'sending',
      });
    } catch (e) {
      message.error(describeError(e));
    } finally {
      setUploading(false);
    }
  };

  return (
    <div
      style={{
        display: 'flex',
        flexDirection: 'column',
        height,
        border: '1px solid #f0f0f0',
        borderRadius: 8,
        background: '#fff',
      }}
    >
      <div
        style={{
          padding: '8px 12px',
          borderBottom: '1px solid #f0f0f0',
          display: 'flex',
          alignItems: 'center',
          gap: 8,
        }}
      >
        <Badge status={chat.peerOnline ? 'success' : 'default'} />
        <Typography.Text strong>{peerName}</Typography.Text>
        <Typography.Text type="secondary" data-testid="peer-presence">
          {chat.peerOnline ? '在线' : '离线'}
        </Typography.Text>
        {chat.peerTyping && <Typography.Text type="secondary">对方正在输入…</Typography.Text>}
      </div>
      {flaggedForMe && <Alert type="warning" showIcon banner message={SAFETY_WARNING} />}
      <div
        style={{ flex: 1, overflowY: 'auto', padding: 12, background: '#fafafa' }}
        data-testid="chat-messages"
      >
        {chat.hasOlder && (
          <div style={{ textAlign: 'center' }}>
            <Button size="small" type="link" onClick={() => void chat.loadOlder()}>
              查看更早的消息
            </Button>
          </div>
        )}
        {chat.messages.map((m) => (
          <Bubble key={m.seq} m={m} mine={m.senderSide === side} showFlags={side === 'seeker'} />
        ))}
        {chat.outbox.map((o) => (
          <Pending
            key={o.clientId}
            o={o}
            onRetry={() => void chat.send(o).catch(() => undefined)}
          />
        ))}
        <div ref={bottom} />
      </div>
      <div style={{ padding: 8, borderTop: '1px solid #f0f0f0' }}>
        <Space style={{ marginBottom: 6 }}>
          <Popover
            trigger="click"
            content={
              <div
                style={{ display: 'grid', gridTemplateColumns: 'repeat(10, 28px)', gap: 4 }}
                data-testid="emoji-picker"
              >
                {emojiSet.map((e) => (
                  <button
                    key={e}
                    type="button"
                    aria-label={`表情 ${e}`}
                    onClick={() => setText((t) => t + e)}
                    style={{
                      fontSize: 20,
                      border: 'none',
                      background: 'none',
                      cursor: 'pointer',
                      padding: 0,
                    }}
                  >
                    {e}
                  </button>
                ))}
              </div>
            }
          >
            <Button icon={<SmileOutlined />} aria-label="表情" />
          </Popover>
          <Upload
            accept="image/jpeg,image/png,image/gif,image/webp"
            showUploadList={false}
            beforeUpload={(file) => {
              void sendImage(file);
              return false;
            }}
          >
            <Button icon={<PictureOutlined />} aria-label="发送图片" loading={uploading} />
          </Upload>
        </Space>
        <div style={{ display: 'flex', gap: 8 }}>
          <Input.TextArea
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              chat.typing();
            }}
            onPressEnter={(e) => {
              if (!e.shiftKey) {
                e.preventDefault();
                void sendText();
              }
            }}
            maxLength={MESSAGE_MAX_CHARS}
            autoSize={{ minRows: 1, maxRows: 4 }}
            placeholder="输入消息，Enter 发送"
            aria-label="消息内容"
          />
          <Button type="primary" onClick={() => void sendText()} disabled={!text.trim()}>
            发送
          </Button>
        </div>
      </div>
    </div>
  );
}

function Bubble({ m, mine, showFlags }: { m: ChatMessage; mine: boolean; showFlags: boolean }) {
  return (
    <div
      style={{ display: 'flex', justifyContent: mine ? 'flex-end' : 'flex-start', margin: '6px 0' }}
      data-testid="chat-message"
    >
      <div style={{ maxWidth: '78%' }}>
        <div
          style={{
            background: mine ? '#1677ff' : '#fff',
            color: mine ? '#fff' : 'inherit',
            border: mine ? 'none' : '1px solid #eee',
            borderRadius: 10,
            padding: m.kind === 'image' ? 4 : '6px 10px',
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-word',
          }}
        >
          {m.kind === 'image' ? (
            <Image
              src={m.thumbUrl ?? m.imageUrl!}
              preview={{ src: m.imageUrl! }}
              width={160}
              alt="图片消息"
            />
          ) : (
            m.body
          )}
        </div>
        {showFlags && !mine && m.flags.length > 0 && (
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            ⚠ {m.flags.map((f) => safetyFlagLabels[f]).join('、')}，请注意防范
          </Typography.Text>
        )}
        {!mine && <ReportLink targetType="message" targetId={m.id} small />}
        <div style={{ fontSize: 11, color: '#999', textAlign: mine ? 'right' : 'left' }}>
          {new Date(m.createdAt).toLocaleTimeString('zh-CN', {
            hour: '2-digit',
            minute: '2-digit',
          })}
        </div>
      </div>
    </div>
  );
}

function Pending({ o, onRetry }: { o: OutgoingMessage; onRetry: () => void }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'flex-end', margin: '6px 0', opacity: 0.6 }}>
      <Space>
        {o.state === 'sending' ? (
          <Spin size="small" />
        ) : (
          <Button size="small" danger type="link" onClick={onRetry}>
            发送失败，重试
          </Button>
        )}
        <span
          style={{ background: '#1677ff', color: '#fff', borderRadius: 10, padding: '6px 10px' }}
        >
          {o.kind === 'image' ? '[图片]' : o.body}
        </span>
      </Space>
    </div>
  );
}
