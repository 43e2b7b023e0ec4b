import type { WindowApi } from '../../shared/api/contract';

declare global {
  interface Window {
    readonly api: WindowApi;
  }
}
