import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Progress, Select, Space, Typography } from 'antd';
import { openLocalMedia } from '../api/call-session.ts';

export interface DeviceChoice {
  cameraId?: string;
  micId?: string;
  speakerId?: string;
}

/**
 * 设备检测 before joining: the camera preview, the microphone level and a test tone on the
 * chosen speaker. Passing it is not required, but the call page offers it first.
 */
export function DeviceCheck({ onReady }: { onReady(choice: DeviceChoice): void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [choice, setChoice] = useState<DeviceChoice>({});
  const [level, setLevel] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let audio: AudioContext | null = null;
    let frame = 0;
    let cancelled = false;
    openLocalMedia(choice).then(
      async (s) => {
        if (cancelled) return s.getTracks().forEach((t) => t.stop());
        stream = s;
        setError(null);
        if (video.current) video.current.srcObject = s;
        setDevices(await navigator.mediaDevices.enumerateDevices());
        audio = new AudioContext();
        const analyser = audio.createAnalyser();
        analyser.fftSize = 256;
        audio.createMediaStreamSource(s).connect(analyser);
        const data = new Uint8Array(analyser.frequencyBinCount);
        const tick = () => {
          analyser.getByteTimeDomainData(data);
          const peak = data.reduce((m, v) => Math.max(m, Math.abs(v - 128)), 0);
          setLevel(Math.min(100, Math.round((peak / 128) * 200)));
          frame = requestAnimationFrame(tick);
        };
        tick();
      },
      (e: Error) => setError(e.message),
    );
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((t) => t.stop());
      void audio?.close();
    };
  }, [choice.cameraId, choice.micId]); // eslint-disable-line react-hooks/exhaustive-deps

  const testSpeaker = async () => {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const dest = ctx.createMediaStreamDestination();
    osc.frequency.value = 660;
    osc.connect(dest);
    const el = new Audio();
    el.srcObject = dest.stream;
    const sink = el as HTMLAudioElement & { setSinkId?(id: string): Promise<void> };
    if (choice.speakerId && sink.setSinkId)
      await sink.setSinkId(choice.speakerId).catch(() => undefined);
    osc.start();
    await el.play().catch(() => undefined);
    setTimeout(() => {
      osc.stop();
      void ctx.close();
    }, 800);
  };

  const options = (kind: MediaDeviceKind) =>
    devices
      .filter((d) => d.kind === kind)
      .map((d, i) => ({ value: d.deviceId, label: d.label || `设备 ${i + 1}` }));

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="device-check">
      <Typography.Title level={5} style={{ margin: 0 }}>
        设备检测
      </Typography.Title>
      {error && <Alert type="error" showIcon message={error} />}
      <video
        ref={video}
        autoPlay
        muted
        playsInline
        style={{ width: '100%', maxWidth: 360, background: '#000', borderRadius: 8 }}
      />
      <Space wrap>
        <Select
          style={{ minWidth: 200 }}
          placeholder="摄像头"
          aria-label="摄像头"
          options={options('videoinput')}
          value={choice.cameraId}
          onChange={(cameraId) => setChoice((c) => ({ ...c, cameraId }))}
        />
        <Select
          style={{ minWidth: 200 }}
          placeholder="麦克风"
          aria-label="麦克风"
          options={options('audioinput')}
          value={choice.micId}
          onChange={(micId) => setChoice((c) => ({ ...c, micId }))}
        />
        <Select
          style={{ minWidth: 200 }}
          placeholder="扬声器（默认）"
          aria-label="扬声器"
          options={options('audiooutput')}
          value={choice.speakerId}
          onChange={(speakerId) => setChoice((c) => ({ ...c, speakerId }))}
        />
      </Space>
      <div>
        <Typography.Text type="secondary">麦克风音量（请说话）</Typography.Text>
        <Progress percent={level} showInfo={false} size="small" />
      </div>
      <Space>
        <Button onClick={() => void testSpeaker()}>播放测试音</Button>
        <Button type="primary" disabled={!!error} onClick={() => onReady(choice)}>
          设备正常
        </Button>
      </Space>
    </Space>
  );
}
