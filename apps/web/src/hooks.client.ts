import type { ClientInit } from '@sveltejs/kit';
import { keepHostFocus } from '$lib/panel/host-focus';

/** Runs once, before the first page of the app renders. */
export const init: ClientInit = () => {
  keepHostFocus(window);
};
