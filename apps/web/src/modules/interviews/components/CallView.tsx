import { useEffect, useRef } from 'react';
import { Button, Space, Tag } from 'antd';
import {
  AudioMutedOutlined,
  AudioOutlined,
  PhoneOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { callStatusLabels, type CallStatus } from '@hirehall/shared/interviews';

function Video({
  stream,
  muted,
  label,
  speakerId,
  small,
}: {
  stream: MediaStream | null;
  muted?: boolean;
  label: string;
  speakerId?: string;
  small?: boolean;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current as (HTMLVideoElement & { setSinkId?(id: string): Promise<void> }) | null;
    if (!el) return;
    el.srcObject = stream;
    if (speakerId && el.setSinkId) void el.setSinkId(speakerId).catch(() => undefined);
  }, [stream, speakerId]);
  return (
    <video
      ref={ref}
      aria-label={label}
      data-testid={small ? 'local-video' : 'remote-video'}
      autoPlay
      playsInline
      muted={muted}
      style={
        small
          ? {
              position: 'absolute',
              right: 8,
              bottom: 8,
              width: '28%',
              borderRadius: 6,
              background: '#222',
            }
          : { width: '100%', aspectRatio: '4 / 3', background: '#000', borderRadius: 8 }
      }
    />
  );
}

/** The call: the other party large, oneself small, mute / camera / hang up. */
export function CallView(props: {
  status: CallStatus | 'idle';
  local: MediaStream | null;
  remote: MediaStream | null;
  muted: boolean;
  cameraOff: boolean;
  speakerId?: string;
  onToggleMute(): void;
  onToggleCamera(): void;
  onHangup(): void;
}) {
  const live = props.status === 'ringing' || props.status === 'connected';
  return (
    <div data-testid="call-view">
      <div style={{ position: 'relative' }}>
        <Video stream={props.remote} label="对方画面" speakerId={props.speakerId} />
        <Video stream={props.local} muted small label="我的画面" />
      </div>
      <Space style={{ marginTop: 8 }} wrap>
        {props.status !== 'idle' && (
          <Tag color={props.status === 'connected' ? 'green' : 'default'} data-testid="call-status">
            {callStatusLabels[props.status]}
          </Tag>
        )}
        <Button
          icon={props.muted ? <AudioMutedOutlined /> : <AudioOutlined />}
          onClick={props.onToggleMute}
        >
          {props.muted ? '取消静音' : '静音'}
        </Button>
        <Button icon={<VideoCameraOutlined />} onClick={props.onToggleCamera}>
          {props.cameraOff ? '打开摄像头' : '关闭摄像头'}
        </Button>
        {live && (
          <Button danger icon={<PhoneOutlined />} onClick={props.onHangup}>
            挂断
          </Button>
        )}
      </Space>
    </div>
  );
}
