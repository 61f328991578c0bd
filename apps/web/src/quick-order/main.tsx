import { getQuickOrderPage } from './api';
import './quick-order.css';

/*
 * The public page's own entry (q.html): React and this folder, nothing of the
 * staff app (router, react-query, i18next, typebox), so a phone on a slow network
 * gets a small page. The API serves q.html for every /q/* path.
 *
 * This module is tiny on purpose: it asks for the catalogue at once, while React
 * downloads, instead of after it (on a slow network that is most of a second).
 */
const root = document.getElementById('root');
if (!root) throw new Error('q.html lacks #root');

const token = window.location.pathname.replace(/^\/q\//, '').replace(/\/+$/, '');
const firstLoad = /^[A-Za-z0-9_-]{43}$/.test(token) ? getQuickOrderPage(token) : null;
// Handled by the page once it mounts; this only keeps an early failure from being reported as unhandled.
firstLoad?.catch(() => undefined);

void import('./mount').then(({ mount }) => mount(root, token, firstLoad));
