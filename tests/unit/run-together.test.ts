import { describe, expect, it } from 'vitest';
import { runTogether } from '../helpers/run-together.ts';

describe('runTogether', () => {
  it('finds words that run together across inline elements, as published before', () => {
    expect(
      runTogether('<p>the task you just measured?<a href="/assessment/">Take the Integration Readiness Assessment</a></p>'),
    ).toHaveLength(1);
    expect(runTogether('<p>sent about<strong>3</strong> days later</p>')).toHaveLength(1);
    expect(runTogether('<p>Only<span>Paradigm AI</span> can access it</p>')).toHaveLength(1);
  });

  it('accepts spaces at an element’s edge, punctuation after it, and blocks side by side', () => {
    expect(runTogether('<p>Read <a href="/x">the article</a>, then <strong>50%</strong> overall (<em>roughly</em>).</p>')).toEqual([]);
    expect(runTogether('<li>One</li><li>Two</li><h2>Three</h2><p>Four</p>')).toEqual([]);
    expect(runTogether('<span class="step-count">Question 1 of 24 · </span>About your project')).toEqual([]);
    expect(runTogether('<style>a{b:c}</style><script>x<y</script><p>ok</p>')).toEqual([]);
  });
});
