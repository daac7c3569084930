import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { homePathFor } from '../auth/roles';
import { ProblemAlert } from '../kit/Alert';
import { Button } from '../kit/Button';
import { TextField } from '../kit/Field';
import { LanguageSwitch } from './LanguageSwitch';

export function LoginPage() {
  const { t } = useTranslation();
  const { principal, signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;
  if (principal) return <Navigate to={from ?? homePathFor(principal)} replace />;
  return (
    <main className="login" id="main">
      <div className="login-card">
        <div className="login-top">
          <h1>{t('app.name')}</h1>
          <LanguageSwitch />
        </div>
        <p className="tagline">{t('login.tagline')}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setBusy(true);
            setError(null);
            signIn(username.trim(), password)
              .then((p) => navigate(from ?? homePathFor(p), { replace: true }))
              .catch((err: unknown) => setError(err))
              .finally(() => setBusy(false));
          }}
        >
          <TextField
            label={t('login.username')}
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
          <TextField
            label={t('login.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          <ProblemAlert error={error} />
          <Button type="submit" tone="primary" busy={busy}>
            {t('login.submit')}
          </Button>
        </form>
      </div>
    </main>
  );
}
