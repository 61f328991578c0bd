import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { PublicQuickOrderPage } from '@gestco/contract';
import { QuickOrderApp } from './quick-order-app';

export function mount(
  root: HTMLElement,
  token: string,
  firstLoad: Promise<PublicQuickOrderPage> | null,
) {
  createRoot(root).render(
    <StrictMode>
      <QuickOrderApp token={token} firstLoad={firstLoad} />
    </StrictMode>,
  );
}
