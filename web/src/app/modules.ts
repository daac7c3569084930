import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType, LazyExoticComponent } from 'react';
import type { DeclarationDetail, Principal, Role } from '../api/types';

/**
 * A page of a console module, loaded when first visited (its code is its own chunk). The router loads the chunk
 * before it renders the page, so a page never flashes a loading state for its own code.
 */
export interface ConsoleRoute {
  /** Path under the shell, e.g. `queue` or `declarations/:id`. */
  path: string;
  /** Who may open it; others get the "not for your role" page. */
  roles: readonly Role[];
  load: () => Promise<{ default: ComponentType }>;
  /**
   * Starts fetching the page's data while its code loads (not awaited: the page shows its own loading state).
   * Runs on every navigation to the route.
   */
  prefetch?: (queryClient: QueryClient, url: URL) => void;
}

/** An entry of the main navigation. */
export interface NavItem {
  to: string;
  /** Translation key of the label. */
  labelKey: string;
  roles: readonly Role[];
  /** Lower comes first. */
  order: number;
}

/**
 * A panel on the declaration page, contributed by a module (risk explanation, IoT alarms, origin worksheet…).
 * Shown only to the listed roles, in `order`, after the declarations module's own panels.
 */
export interface DeclarationPanel {
  id: string;
  titleKey: string;
  roles: readonly Role[];
  order: number;
  component: LazyExoticComponent<ComponentType<{ declaration: DeclarationDetail; principal: Principal }>>;
}

/** What a module adds to the console. Register it in `app/registry.ts`. */
export interface ConsoleModule {
  id: string;
  routes: ConsoleRoute[];
  nav: NavItem[];
  declarationPanels?: DeclarationPanel[];
}
