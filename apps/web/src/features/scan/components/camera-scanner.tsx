import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQrCamera, type CameraProblem } from './use-qr-camera';

interface CameraScannerProps {
  /** Called once with the text of the first QR code read. */
  onDecode: (text: string) => void;
}

/** The camera with its aiming frame; "Réessayer" starts it afresh after a failure. */
export function CameraScanner({ onDecode }: CameraScannerProps) {
  const [attempt, setAttempt] = useState(0);
  return (
    <Camera key={attempt} onDecode={onDecode} onRetry={() => setAttempt((count) => count + 1)} />
  );
}

function Camera({ onDecode, onRetry }: CameraScannerProps & { onRetry: () => void }) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const { state, toggleTorch } = useQrCamera(videoRef, onDecode);

  if (state.status === 'error') return <CameraNotice problem={state.problem} onRetry={onRetry} />;
  return (
    <section className="scan-camera" aria-label={t('scan.camera.label')}>
      <div className="scan-camera__viewport">
        {/* Muted and inline: what iOS needs to play a camera stream without going full screen. */}
        <video
          ref={videoRef}
          className="scan-camera__video"
          muted
          playsInline
          autoPlay
          aria-hidden="true"
        />
        <div className="scan-camera__frame" aria-hidden="true" />
        {state.status === 'scanning' && state.torch !== 'unsupported' && (
          <button
            type="button"
            className="button scan-camera__torch"
            aria-pressed={state.torch === 'on'}
            onClick={() => void toggleTorch()}
          >
            {t('scan.camera.torch')}
          </button>
        )}
      </div>
      <p className="scan-camera__hint" role="status">
        {state.status === 'starting' ? t('scan.camera.starting') : t('scan.camera.aim')}
      </p>
    </section>
  );
}

/* Worth another go once the person has changed the setting or closed the other app. */
const RETRYABLE: readonly CameraProblem[] = ['denied', 'busy', 'failed'];

/** Why there is no camera picture, and what to do about it; the manual entry below still works. */
function CameraNotice({ problem, onRetry }: { problem: CameraProblem; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="alert alert--warning scan-camera__notice">
      <p className="scan-camera__notice-title">{t(`scan.camera.problems.${problem}.title`)}</p>
      <p>{t(`scan.camera.problems.${problem}.body`)}</p>
      {RETRYABLE.includes(problem) && (
        <button type="button" className="button" onClick={onRetry}>
          {t('scan.camera.retry')}
        </button>
      )}
    </div>
  );
}
