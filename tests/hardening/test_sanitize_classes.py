"""Article HTML keeps only the classes something reads (topic/sanitize.py): a Markdown
fenced block's `language-*` on <code> for the SPA's highlight.js, and the paid-article
split marker <hr class="paywall"> (docs/api.md §11). Every other class is dropped."""
import pytest

from topic.sanitize import clean_html


def test_code_keeps_only_its_language_class():
    assert (clean_html('<pre><code class="language-python evil">x</code></pre>')
            == '<pre><code class="language-python">x</code></pre>')


@pytest.mark.parametrize("language", ["language-c++", "language-objective-c", "language-x86_64"])
def test_code_keeps_language_classes_with_digits_plus_minus_and_underscore(language):
    assert clean_html(f'<code class="{language}">x</code>') == f'<code class="{language}">x</code>'


@pytest.mark.parametrize("classes", ["hljs", "language-", "language-" + "a" * 31,
                                     "language-py:thon", "xlanguage-python", "LANGUAGE-python"])
def test_code_loses_a_class_that_is_not_a_language(classes):
    assert clean_html(f'<code class="{classes}">x</code>') == "<code>x</code>"


def test_pre_loses_its_class():
    assert clean_html('<pre class="x">x</pre>') == "<pre>x</pre>"


def test_hr_keeps_the_paywall_class():
    assert clean_html('<hr class="paywall">') == '<hr class="paywall">'


def test_hr_loses_any_other_class():
    assert clean_html('<hr class="other">') == "<hr>"
    assert clean_html('<hr class="other paywall">') == '<hr class="paywall">'


@pytest.mark.parametrize("tag", ["p", "span", "div", "a", "img", "td"])
def test_other_tags_lose_their_class(tag):
    assert 'class=' not in clean_html(f'<{tag} class="x">y</{tag}>')
