import type { FormInstance } from 'antd';
import type { Problem } from '../api/problem';

/** Puts a validation problem's field errors (`roles.0.role`) on the form's fields. */
export function showFieldErrors(form: FormInstance, problem: Problem) {
  if (!problem.errors?.length) return;
  form.setFields(
    problem.errors.map((e) => ({
      name: e.field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors: [e.message],
    })),
  );
}
