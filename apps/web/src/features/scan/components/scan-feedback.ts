/**
 * What tells a person with a phone in one hand that the code was read: a short
 * buzz where the phone can (Android; iOS Safari has no Vibration API) and a short
 * beep. Both are best-effort: a browser that refuses says nothing.
 */
export function signalScan(): void {
  try {
    navigator.vibrate?.(80);
  } catch {
    // not allowed here
  }
  beep();
}

type AudioContextClass = typeof AudioContext;

function beep(): void {
  const Context: AudioContextClass | undefined =
    window.AudioContext ??
    (window as unknown as { webkitAudioContext?: AudioContextClass }).webkitAudioContext;
  if (!Context) return;
  try {
    const context = new Context();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = 1046; // C6: short and clear over a warehouse's noise
    gain.gain.setValueAtTime(0.15, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.15);
    oscillator.connect(gain).connect(context.destination);
    oscillator.onended = () => void context.close();
    oscillator.start();
    oscillator.stop(context.currentTime + 0.15);
  } catch {
    // autoplay policy or no audio device
  }
}
