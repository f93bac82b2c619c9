import { callSocketEvents as ev } from '@hirehall/shared/interview-events';
import type { IceServer, SignalPayload } from '@hirehall/shared/interviews';
import { getSocket } from '../../notifications/api/socket.ts';
import { emitCall } from './interviews.api.ts';

export type Incoming = SignalPayload & { from: 'seeker' | 'employer' };

/** Test hooks (the browser journey reads getStats) only with ?hhtest or a local flag. */
function testHooksEnabled() {
  try {
    return (
      new URLSearchParams(window.location.search).has('hhtest') ||
      window.localStorage.getItem('hh-test-hooks') === '1'
    );
  } catch {
    return false;
  }
}

declare global {
  interface Window {
    __hhCall?: { pc: RTCPeerConnection; callId: string; inboundVideoFrames(): Promise<number> };
  }
}

/**
 * One side of a one-to-one WebRTC call. The employer makes the offer once the seeker has
 * accepted; candidates trickle both ways over the socket, relayed by the server only within
 * the call's room. Signals that arrive before the peer connection exists are buffered.
 */
export class CallSession {
  readonly pc: RTCPeerConnection;
  readonly remoteStream = new MediaStream();
  private pendingCandidates: RTCIceCandidateInit[] = [];
  private closed = false;
  private readonly onSignal = (data: Incoming) => {
    if (data.callId !== this.callId) return;
    void this.handleSignal(data).catch(() => undefined);
  };

  constructor(
    readonly callId: string,
    readonly role: 'employer' | 'seeker',
    iceServers: IceServer[],
    localStream: MediaStream,
    private readonly onState: (state: RTCPeerConnectionState) => void,
    buffered: Incoming[] = [],
  ) {
    this.pc = new RTCPeerConnection({ iceServers });
    for (const track of localStream.getTracks()) this.pc.addTrack(track, localStream);
    this.pc.ontrack = (e) => {
      for (const track of e.streams[0]?.getTracks() ?? [e.track]) {
        if (!this.remoteStream.getTracks().includes(track)) this.remoteStream.addTrack(track);
      }
    };
    this.pc.onicecandidate = (e) => {
      if (!e.candidate) return;
      const c = e.candidate.toJSON();
      void this.send({
        candidate: {
          candidate: c.candidate ?? '',
          sdpMid: c.sdpMid ?? null,
          sdpMLineIndex: c.sdpMLineIndex ?? null,
          usernameFragment: c.usernameFragment ?? null,
        },
      });
    };
    this.pc.onconnectionstatechange = () => this.onState(this.pc.connectionState);
    getSocket().on(ev.signal, this.onSignal);
    for (const data of buffered) this.onSignal(data);
    if (testHooksEnabled()) {
      window.__hhCall = {
        pc: this.pc,
        callId,
        inboundVideoFrames: () => inboundVideoFrames(this.pc),
      };
    }
  }

  /** The employer's side: offer once the seeker is in the room. */
  async offer() {
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    await this.send({ description: { type: 'offer', sdp: offer.sdp ?? '' } });
  }

  private async handleSignal(data: Incoming) {
    if (this.closed) return;
    if (data.description) {
      await this.pc.setRemoteDescription(data.description);
      if (data.description.type === 'offer') {
        const answer = await this.pc.createAnswer();
        await this.pc.setLocalDescription(answer);
        await this.send({ description: { type: 'answer', sdp: answer.sdp ?? '' } });
      }
      for (const c of this.pendingCandidates.splice(0)) await this.pc.addIceCandidate(c);
    } else if (data.candidate) {
      if (this.pc.remoteDescription) await this.pc.addIceCandidate(data.candidate);
      else this.pendingCandidates.push(data.candidate);
    }
  }

  private send(payload: Omit<SignalPayload, 'callId'>) {
    return emitCall(ev.signal, { callId: this.callId, ...payload }).catch(() => undefined);
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    getSocket().off(ev.signal, this.onSignal);
    this.pc.close();
    if (window.__hhCall?.callId === this.callId) delete window.__hhCall;
  }
}

/** Signals for a call that arrive before its session exists (the seeker's accept race). */
export function bufferSignals(callId: string) {
  const buffered: Incoming[] = [];
  const listener = (data: Incoming) => {
    if (data.callId === callId) buffered.push(data);
  };
  getSocket().on(ev.signal, listener);
  return {
    buffered,
    stop: () => getSocket().off(ev.signal, listener),
  };
}

export async function inboundVideoFrames(pc: RTCPeerConnection): Promise<number> {
  const stats = await pc.getStats();
  let frames = 0;
  stats.forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
    if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded ?? 0;
  });
  return frames;
}

/** Camera and microphone for the call; a readable message when the browser refuses. */
export async function openLocalMedia(ids: { cameraId?: string; micId?: string } = {}) {
  try {
    return await navigator.mediaDevices.getUserMedia({
      video: ids.cameraId ? { deviceId: { exact: ids.cameraId } } : true,
      audio: ids.micId ? { deviceId: { exact: ids.micId } } : true,
    });
  } catch (err) {
    const name = (err as DOMException).name;
    throw new Error(
      name === 'NotAllowedError'
        ? '浏览器未允许使用摄像头和麦克风，请在地址栏的权限设置中允许后重试'
        : name === 'NotFoundError'
          ? '未检测到摄像头或麦克风，请连接设备后重试'
          : '无法打开摄像头或麦克风，请检查设备是否被其他程序占用',
    );
  }
}
