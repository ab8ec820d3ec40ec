// "Een vraag stellen" for residents: how to reach the social team without having to write anything down. People
// with little digital skill are helped best by a person: the walk-in hours in their own village, or someone they
// trust who refers them. Residents with an account are pointed to their plan.
import type { RequestContext } from '../../../platform/http/context.js';
import { Heading1, Heading2, Layout, P } from '../../../platform/pages/layout.js';
import { CaseworkStyles, textsOf } from './components.js';

export function AskPage(props: { ctx: RequestContext; deadlineHours: number; loggedIn: boolean }) {
  const { ctx } = props;
  const texts = textsOf(ctx);
  const h = props.deadlineHours;
  const time = h % 24 === 0 ? texts('ask.days', { n: h / 24 }) : texts('ask.hours', { n: h });
  return (
    <Layout ctx={ctx} title={texts('ask.title')}>
      <CaseworkStyles />
      <Heading1>{texts('ask.title')}</Heading1>
      <P lead>{texts('ask.intro')}</P>
      <section class="wk-section" aria-labelledby="walk-in">
        <Heading2 id="walk-in">{texts('ask.walkIn')}</Heading2>
        <P>{texts('ask.walkInText')}</P>
        <P>
          <a class="utrecht-link" href="/aanbod?q=inloopspreekuur+sociaal+wijkteam">
            {texts('ask.walkInLink')}
          </a>
        </P>
      </section>
      <section class="wk-section" aria-labelledby="help">
        <Heading2 id="help">{texts('ask.help')}</Heading2>
        <P>{texts('ask.helpText')}</P>
      </section>
      <section class="wk-section" aria-labelledby="answer">
        <Heading2 id="answer">{texts('ask.answer')}</Heading2>
        <P>{texts('ask.answerText', { time })}</P>
      </section>
      <section class="wk-section" aria-labelledby="plan">
        <Heading2 id="plan">{texts('ask.myPlan')}</Heading2>
        <P>
          <a class="utrecht-link" href={props.loggedIn ? '/mijn-plan' : '/inloggen'}>
            {texts('ask.myPlanLink')}
          </a>
        </P>
        <P>
          <a class="utrecht-link" href="/aanbod">
            {texts('ask.find')}
          </a>
        </P>
      </section>
    </Layout>
  );
}
