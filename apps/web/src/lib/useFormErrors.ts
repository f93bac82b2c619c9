import { useCallback } from 'react';
import type { FormInstance } from 'antd';

import { ApiError, describeError } from './api.ts';
import { useFeedback } from '../app/AppFeedback.tsx';

interface FieldIssue {
  path?: string;
  field?: string;
  message?: string;
}

function issuesOf(error: ApiError): FieldIssue[] {
  if (error.code !== 'VALIDATION_FAILED' || !Array.isArray(error.details)) return [];
  return error.details.filter((item): item is FieldIssue => typeof item === 'object' && !!item);
}

function toNamePath(path: string): (string | number)[] {
  return path
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows an API failure on an antd Form: `VALIDATION_FAILED` details land under their fields;
 * anything else (or details for fields the form does not have) shows as a message.
 * `fieldOf` maps error codes that concern one field (e.g. SMS_CODE_INVALID → smsCode).
 */
export function useFormErrors(form: FormInstance, fieldOf: Record<string, string> = {}) {
  const { message } = useFeedback();
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError)) {
        message.error(describeError(error));
        return;
      }
      const known = new Set(
        Object.keys(form.getFieldsValue(true) as Record<string, unknown>).concat(
          Object.values(fieldOf),
        ),
      );
      const codeField = fieldOf[error.code];
      if (codeField) {
        const reason = (error.details as { reason?: unknown } | null)?.reason;
        const text = typeof reason === 'string' ? `${error.message}：${reason}` : error.message;
        form.setFields([{ name: toNamePath(codeField), errors: [text] }]);
        return;
      }
      const fields: { name: (string | number)[]; errors: string[] }[] = [];
      const unplaced: string[] = [];
      for (const issue of issuesOf(error)) {
        const path = issue.path ?? issue.field ?? '';
        const name = toNamePath(path);
        const text = issue.message ?? '填写有误';
        if (name.length > 0 && known.has(String(name[0]))) fields.push({ name, errors: [text] });
        else unplaced.push(text);
      }
      if (fields.length > 0) form.setFields(fields);
      if (fields.length === 0 || unplaced.length > 0) {
        message.error(
          unplaced.length > 0 ? `${error.message}：${unplaced.join('；')}` : error.message,
        );
      }
    },
    [form, fieldOf, message],
  );
}
