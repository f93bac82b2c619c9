import { useState } from 'react';
import type { FormInstance } from 'antd';

import { useNavigate, useSearchParams } from 'react-router';
import { homePathOf, rememberPortal, useAuth } from '../../../app/session.ts';
import { ApiError } from '../../../lib/api.ts';
import { useFormErrors } from '../../../lib/useFormErrors.ts';
import { useCaptcha } from '../../../components/CaptchaField.tsx';
import { signIn, type Portal, type SessionAccount, type SignInBody } from '../api/accounts.api.ts';
import { useFeedback } from '../../../app/AppFeedback.tsx';

/** After any successful sign-in: remember the account and go where the person wanted. */
export function useFinishSignIn(portal: Portal) {
  const { setAccount } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (account: SessionAccount) => {
    rememberPortal(portal);
    setAccount(account);
    const next = params.get('next');
    const target =
      !account.mustChangePassword && next && next.startsWith('/') && !next.startsWith('//')
        ? next
        : homePathOf(account);
    navigate(target, { replace: true });
  };
}

/** Sign-in with captcha on demand and Chinese errors. */
export function useSignInFlow(portal: Portal, form: FormInstance) {
  const captcha = useCaptcha();
  const [submitting, setSubmitting] = useState(false);
  const finish = useFinishSignIn(portal);
  const { message } = useFeedback();
  const showError = useFormErrors(form, { CAPTCHA_INVALID: 'captchaAnswer' });

  const submit = async (body: Omit<SignInBody, 'portal' | 'captchaId' | 'captchaAnswer'>) => {
    setSubmitting(true);
    try {
      const captchaAnswer = form.getFieldValue('captchaAnswer') as string | undefined;
      const result = await signIn({
        portal,
        ...body,
        ...(captcha.required && captcha.captcha
          ? { captchaId: captcha.captcha.captchaId, captchaAnswer }
          : {}),
      });
      finish(result.account);
    } catch (error) {
      captcha.handleError(error);
      form.setFieldValue('captchaAnswer', '');
      if (error instanceof ApiError && error.code === 'TOO_MANY_ATTEMPTS') {
        const seconds = (error.details as { retryAfterSeconds?: number } | null)?.retryAfterSeconds;
        message.error(
          seconds ? `尝试次数过多，请${Math.ceil(seconds / 60)}分钟后再试` : error.message,
        );
      } else showError(error);
    } finally {
      setSubmitting(false);
    }
  };

  return { captcha, submitting, submit };
}
