import { useCallback, useEffect, useRef, useState } from 'react';
import { callSocketEvents as ev } from '@hirehall/shared/interview-events';
import type { CallJoin, CallStatus } from '@hirehall/shared/interviews';
import { useSocketEvent } from '../../notifications/api/socket.ts';
import { emitCall } from './interviews.api.ts';
import { bufferSignals, CallSession, openLocalMedia, type Incoming } from './call-session.ts';
import type { DeviceChoice } from '../components/DeviceCheck.tsx';

export interface CallState {
  callId: string | null;
  interviewId: string | null;
  status: CallStatus | 'idle';
  /** the peer connection's own state once media flows */
  media: RTCPeerConnectionState | null;
}

const idle: CallState = { callId: null, interviewId: null, status: 'idle', media: null };

/**
 * A party's side of interview calls: start (employer) or accept (seeker), hang up, mute and
 * camera toggles. The local camera stays open between calls so calling again is quick.
 */
export function useCall(role: 'employer' | 'seeker', devices?: DeviceChoice) {
  const [state, setState] = useState<CallState>(idle);
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [remote, setRemote] = useState<MediaStream | null>(null);
  const [muted, setMuted] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);
  const session = useRef<CallSession | null>(null);
  const localRef = useRef<MediaStream | null>(null);
  /** the camera and microphone the open local stream was opened with */
  const openedWith = useRef('');
  const toggles = useRef({ muted, cameraOff });
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);
  useEffect(() => {
    toggles.current = { muted, cameraOff };
  }, [muted, cameraOff]);

  const cameraId = devices?.cameraId;
  const micId = devices?.micId;
  /** The local camera and microphone: the devices chosen in the device check. */
  const media = useCallback(async () => {
    const key = `${cameraId ?? ''}|${micId ?? ''}`;
    if (localRef.current?.active && openedWith.current === key) return localRef.current;
    // another choice since the stream was opened: release the old devices first
    localRef.current?.getTracks().forEach((t) => t.stop());
    const stream = await openLocalMedia({ cameraId, micId });
    stream.getAudioTracks().forEach((t) => (t.enabled = !toggles.current.muted));
    stream.getVideoTracks().forEach((t) => (t.enabled = !toggles.current.cameraOff));
    localRef.current = stream;
    openedWith.current = key;
    setLocal(stream);
    return stream;
  }, [cameraId, micId]);

  const closeSession = useCallback(() => {
    session.current?.close();
    session.current = null;
    setRemote(null);
  }, []);

  const open = useCallback(
    (join: CallJoin, stream: MediaStream, buffered?: Incoming[]) => {
      closeSession();
      const s = new CallSession(
        join.call.id,
        role,
        join.iceServers,
        stream,
        (m) => setState((st) => (st.callId === join.call.id ? { ...st, media: m } : st)),
        buffered,
      );
      session.current = s;
      setRemote(s.remoteStream);
      stateRef.current = {
        callId: join.call.id,
        interviewId: join.interviewId,
        status: join.call.status,
        media: null,
      };
      setState({
        callId: join.call.id,
        interviewId: join.interviewId,
        status: join.call.status,
        media: null,
      });
      return s;
    },
    [closeSession, role],
  );

  /** Employer: ring the candidate. */
  const start = useCallback(
    async (interviewId: string) => {
      const stream = await media();
      const join = await emitCall<CallJoin>(ev.start, { interviewId });
      open(join, stream);
    },
    [media, open],
  );

  /** Seeker: answer a ringing call. */
  const accept = useCallback(
    async (callId: string) => {
      const buffer = bufferSignals(callId);
      try {
        const stream = await media();
        const join = await emitCall<CallJoin>(ev.accept, { callId });
        open(join, stream, buffer.buffered);
      } finally {
        buffer.stop();
      }
    },
    [media, open],
  );

  const decline = useCallback((callId: string) => emitCall(ev.decline, { callId }), []);

  const hangup = useCallback(async () => {
    const { callId } = stateRef.current;
    if (callId) await emitCall(ev.hangup, { callId }).catch(() => undefined);
    closeSession();
    setState((s) => ({ ...s, status: 'ended' }));
  }, [closeSession]);

  useSocketEvent<{ callId: string; status: CallStatus }>(ev.status, (data) => {
    if (data.callId !== stateRef.current.callId) return;
    setState((s) => ({ ...s, status: data.status }));
    if (data.status === 'connected' && role === 'employer') void session.current?.offer();
    if (!['ringing', 'connected'].includes(data.status)) closeSession();
  });

  const toggleMute = () => {
    const next = !muted;
    localRef.current?.getAudioTracks().forEach((t) => (t.enabled = !next));
    setMuted(next);
  };
  const toggleCamera = () => {
    const next = !cameraOff;
    localRef.current?.getVideoTracks().forEach((t) => (t.enabled = !next));
    setCameraOff(next);
  };

  // leaving the page ends the call and releases the camera
  useEffect(
    () => () => {
      session.current?.close();
      localRef.current?.getTracks().forEach((t) => t.stop());
    },
    [],
  );

  const reset = useCallback(() => {
    closeSession();
    stateRef.current = idle;
    setState(idle);
  }, [closeSession]);

  return {
    state,
    local,
    remote,
    muted,
    cameraOff,
    start,
    accept,
    decline,
    hangup,
    toggleMute,
    toggleCamera,
    reset,
  };
}
