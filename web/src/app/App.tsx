import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, type RouteObject } from 'react-router';
import { ApiProblem, session } from '../api/client';
import { Loading } from '../kit/Alert';
import { AuthProvider, useAuth } from '../auth/AuthProvider';
import { homePathFor } from '../auth/roles';
import { LoginPage } from './LoginPage';
import { MODULES } from './registry';
import { NotFoundPage, RequireRole } from './RequireRole';
import { Shell } from './Shell';

function Home() {
  const { principal } = useAuth();
  return <Navigate to={principal ? homePathFor(principal) : '/login'} replace />;
}

/** The console's routes: sign-in, then the shell with every module's pages behind their role checks. */
export function consoleRoutes(queryClient: QueryClient, modules = MODULES): RouteObject[] {
  return [
    { path: '/login', element: <LoginPage /> },
    {
      path: '/',
      element: <Shell />,
      hydrateFallbackElement: <Loading />,
      children: [
        { index: true, element: <Home /> },
        ...modules.flatMap((m) =>
          m.routes.map((r): RouteObject => ({
            path: r.path,
            // Not awaited: the page's data starts loading alongside its code.
            loader: ({ request }) => {
              if (session.token) r.prefetch?.(queryClient, new URL(request.url));
              return null;
            },
            lazy: async () => {
              const { default: Page } = await r.load();
              return {
                Component: () => (
                  <RequireRole roles={r.roles}>
                    <Page />
                  </RequireRole>
                ),
              };
            },
          })),
        ),
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ];
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // Problems the API answered (403, 404, 422…) will not change by asking again.
        retry: (count, error) => !(error instanceof ApiProblem && error.status < 500) && count < 2,
      },
    },
  });
}

export function App() {
  const queryClient = useMemo(createQueryClient, []);
  const router = useMemo(() => createBrowserRouter(consoleRoutes(queryClient)), [queryClient]);
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </QueryClientProvider>
  );
}
