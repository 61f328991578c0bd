import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

export type CameraProblem =
  /** Not HTTPS (nor localhost): browsers give the camera to secure pages only. */
  | 'insecure'
  /** No camera API at all (an old browser, or an in-app web view). */
  | 'unsupported'
  /** The person or a policy said no. */
  | 'denied'
  /** No camera on this device. */
  | 'missing'
  /** Another app holds the camera. */
  | 'busy'
  | 'failed';

export type CameraState =
  | { status: 'starting' }
  | { status: 'scanning'; torch: 'unsupported' | 'off' | 'on' }
  | { status: 'error'; problem: CameraProblem };

/* `torch` is in Media Capture's image-capture extension, not in TypeScript's DOM lib. */
type TorchCapabilities = MediaTrackCapabilities & { torch?: boolean };
type TorchConstraints = MediaTrackConstraintSet & { torch?: boolean };

function problemOf(error: unknown): CameraProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError')
    return 'denied';
  if (
    name === 'NotFoundError' ||
    name === 'OverconstrainedError' ||
    name === 'DevicesNotFoundError'
  )
    return 'missing';
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError')
    return 'busy';
  return 'failed';
}

/** Why this page cannot have a camera whatever the person does, if so. */
function unavailable(): CameraProblem | null {
  // http:// other than localhost: getUserMedia does not even exist there.
  if (window.isSecureContext === false) return 'insecure';
  if (typeof navigator.mediaDevices?.getUserMedia !== 'function') return 'unsupported';
  return null;
}

/** Best effort: a phone's back camera at a size QR decoding likes. */
const CONSTRAINTS: MediaStreamConstraints = {
  audio: false,
  video: {
    facingMode: { ideal: 'environment' },
    width: { ideal: 1280 },
    height: { ideal: 720 },
  },
};

/**
 * The back camera in `videoRef`, decoded continuously with @zxing/library until
 * the component unmounts (which stops the camera: its light goes off). zxing is
 * imported here, on demand, so neither the staff app nor the manual entry wait for it.
 *
 * The stream is opened here rather than with zxing's decodeFromConstraints: a page
 * left while the permission prompt is up must still stop the stream it gets later.
 */
export function useQrCamera(
  videoRef: RefObject<HTMLVideoElement | null>,
  onDecode: (text: string) => void,
) {
  const [state, setState] = useState<CameraState>(() => {
    const problem = unavailable();
    return problem ? { status: 'error', problem } : { status: 'starting' };
  });
  const onDecodeRef = useRef(onDecode);
  const trackRef = useRef<MediaStreamTrack | null>(null);

  useEffect(() => {
    onDecodeRef.current = onDecode;
  }, [onDecode]);

  useEffect(() => {
    if (unavailable()) return;
    let stopped = false;
    let stream: MediaStream | null = null;
    let reader: { reset(): void } | null = null;

    // Both at once: the permission prompt shows while the decoder downloads.
    const library = import('@zxing/library');
    library.catch(() => undefined); // reported below, once the stream is there

    void (async () => {
      try {
        const opened = await navigator.mediaDevices.getUserMedia(CONSTRAINTS);
        if (stopped) {
          // Left while the prompt was up: the clean-up has run already.
          opened.getTracks().forEach((track) => track.stop());
          return;
        }
        stream = opened;
        const { BrowserQRCodeReader } = await library;
        const video = videoRef.current;
        if (stopped || !video) return;
        const track = stream.getVideoTracks()[0] ?? null;
        trackRef.current = track;
        const capabilities = (track?.getCapabilities?.() ?? {}) as TorchCapabilities;
        // 150 ms between attempts: quick enough to feel instant, light on a phone's battery.
        const qr = new BrowserQRCodeReader(150);
        qr.timeBetweenDecodingAttempts = 150;
        reader = qr;
        setState({ status: 'scanning', torch: capabilities.torch ? 'off' : 'unsupported' });
        let decoded = false;
        await qr.decodeFromStream(stream, video, (result) => {
          if (!result || decoded || stopped) return;
          decoded = true;
          onDecodeRef.current(result.getText());
        });
      } catch (error) {
        if (!stopped) setState({ status: 'error', problem: problemOf(error) });
      }
    })();

    return () => {
      stopped = true;
      reader?.reset();
      stream?.getTracks().forEach((track) => track.stop());
      trackRef.current = null;
    };
  }, [videoRef]);

  const toggleTorch = useCallback(async () => {
    const track = trackRef.current;
    if (!track || state.status !== 'scanning' || state.torch === 'unsupported') return;
    const on = state.torch === 'off';
    try {
      await track.applyConstraints({ advanced: [{ torch: on } as TorchConstraints] });
      setState({ status: 'scanning', torch: on ? 'on' : 'off' });
    } catch {
      setState({ status: 'scanning', torch: 'unsupported' });
    }
  }, [state]);

  return { state, toggleTorch };
}
