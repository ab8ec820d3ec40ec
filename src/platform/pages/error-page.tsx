import type { RequestContext } from '../http/context.js';
import { Heading1, Layout, P } from './layout.js';

export function ErrorPage(props: { ctx: RequestContext; title: string; reference: string; status: number }) {
  const t = props.ctx.t;
  return (
    <Layout ctx={props.ctx} title={t('error.title')}>
      <Heading1>{t('error.title')}</Heading1>
      <P lead>{props.title}</P>
      <P>
        <a class="utrecht-link" href="/">
          {t('nav.home')}
        </a>
      </P>
      <P>
        <small>
          {t('error.reference')}: <code class="utrecht-code">{props.reference}</code>
        </small>
      </P>
    </Layout>
  );
}
