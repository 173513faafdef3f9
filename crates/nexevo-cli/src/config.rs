//! Where the CLI's settings come from: a flag, else an environment variable, else the profile
//! in the config file, else the default. The config file (`config.toml` in the user's config
//! directory, or in `NEXEVO_CONFIG_DIR`) holds profiles, and the session token `nexevo auth
//! login` stores with the origin that issued it; it is written readable by its owner only.
//!
//! A credential stored in a profile belongs to one server: a session to the origin that issued
//! it, an API key to the profile's `base_url` (or, without one, to Nexevo's own). It is never
//! sent elsewhere, whatever `--base-url` or `NEXEVO_BASE_URL` say (see [`Settings::stored`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use nexevo::Secret;
use serde::{Deserialize, Serialize};

use crate::error::CliError;

/// The profile used when none is named.
pub(crate) const DEFAULT_PROFILE: &str = "default";

/// The config file's contents.
#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    profiles: BTreeMap<String, Profile>,
}

/// One profile: every field optional, each overridden by its flag and its variable. No `Debug`:
/// it holds secrets.
#[derive(Default, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Profile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) base_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) api_key: Option<Secret>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) organization: Option<String>,
    /// Written by `nexevo auth login`, removed by `nexevo auth logout`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) session_token: Option<Secret>,
    /// The origin (`scheme://host[:port]`) that issued `session_token`: the only one it is
    /// sent to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) session_origin: Option<String>,
}

/// The config file, loaded.
pub(crate) struct ConfigStore {
    path: PathBuf,
    file: ConfigFile,
}

impl ConfigStore {
    /// The config directory: `NEXEVO_CONFIG_DIR`, else `nexevo` in the user's config
    /// directory (`$XDG_CONFIG_HOME`, `~/.config`, `~/Library/Application Support`, `%APPDATA%`).
    pub(crate) fn directory() -> Result<PathBuf, CliError> {
        if let Some(dir) = std::env::var_os("NEXEVO_CONFIG_DIR").filter(|d| !d.is_empty()) {
            return Ok(PathBuf::from(dir));
        }
        dirs::config_dir()
            .map(|dir| dir.join("nexevo"))
            .ok_or_else(|| {
                CliError::Local(
                    "no config directory for this user: set NEXEVO_CONFIG_DIR".to_owned(),
                )
            })
    }

    /// Loads the config file; a missing one is an empty one.
    pub(crate) fn load() -> Result<Self, CliError> {
        let path = Self::directory()?.join("config.toml");
        let file = Self::read(&path)?;
        Ok(Self { path, file })
    }

    /// The file's path.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The names of the profiles the file holds, in order.
    pub(crate) fn profile_names(&self) -> Vec<&str> {
        self.file.profiles.keys().map(String::as_str).collect()
    }

    /// The named profile, or an empty one.
    pub(crate) fn profile(&self, name: &str) -> Profile {
        self.file.profiles.get(name).cloned().unwrap_or_default()
    }

    /// Changes the named profile and writes the file, as one step against every other
    /// `nexevo` writing it at the same time: under an exclusive lock held from reading the file
    /// afresh (what this process loaded may be stale by now) until the new one is in place.
    pub(crate) fn update(
        &mut self,
        name: &str,
        change: impl FnOnce(&mut Profile),
    ) -> Result<(), CliError> {
        let local = |what: &str, error: std::io::Error| {
            CliError::Local(format!("{what} {}: {error}", self.path.display()))
        };
        let dir = self
            .path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        create_private_dir(&dir).map_err(|e| local("creating the directory of", e))?;
        // A file of its own, never replaced, so the lock outlives every rename of the config.
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join("config.lock"))
            .map_err(|e| local("opening the lock beside", e))?;
        lock.lock().map_err(|e| local("locking", e))?;
        self.file = Self::read(&self.path)?;
        change(self.file.profiles.entry(name.to_owned()).or_default());
        let written = self.save(&dir);
        // Closing the file would release it too; unlocking says when.
        let _ = lock.unlock();
        written
    }

    /// The file at `path`; a missing one is an empty one.
    fn read(path: &Path) -> Result<ConfigFile, CliError> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text).map_err(|error| {
                CliError::Usage(format!("{}: {}", path.display(), error.message()))
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(ConfigFile::default()),
            Err(error) => Err(CliError::Local(format!(
                "reading {}: {error}",
                path.display()
            ))),
        }
    }

    /// Writes the file readable by its owner only: a temporary file of this writer's own,
    /// created with those permissions, then renamed over the old one and the rename made
    /// durable, so the secrets are never readable by others, not even for a moment, and a crash
    /// leaves the old file or the new one whole.
    fn save(&self, dir: &Path) -> Result<(), CliError> {
        let local = |what: &str, error: std::io::Error| {
            CliError::Local(format!("{what} {}: {error}", self.path.display()))
        };
        let text = toml::to_string(&self.file)
            .map_err(|error| CliError::Local(format!("writing the config: {error}")))?;
        let temporary = write_new_private(dir, text.as_bytes()).map_err(|e| local("writing", e))?;
        if let Err(error) = std::fs::rename(&temporary, &self.path) {
            let _ = std::fs::remove_file(&temporary);
            return Err(local("replacing", error));
        }
        sync_dir(dir).map_err(|e| local("syncing the directory of", e))
    }
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt as _;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Creates a file no other writer can have opened (its name is this process's and new, and
/// creation fails rather than open an existing one), owner-only from its first byte, with
/// `contents` on disk; answers its path.
fn write_new_private(dir: &Path, contents: &[u8]) -> std::io::Result<PathBuf> {
    use std::io::Write as _;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_nanos());
    let mut attempt = 0u32;
    loop {
        let path = dir.join(format!(
            ".config.toml.{}.{stamp}.{attempt}.tmp",
            std::process::id()
        ));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&path) {
            Ok(mut file) => {
                let written = file.write_all(contents).and_then(|()| file.sync_all());
                if let Err(error) = written {
                    let _ = std::fs::remove_file(&path);
                    return Err(error);
                }
                return Ok(path);
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(error) => return Err(error),
        }
    }
}

/// Makes a rename in `dir` durable.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

/// Windows makes a rename durable with the file; there is no directory handle to sync.
#[cfg(not(unix))]
fn sync_dir(_: &Path) -> std::io::Result<()> {
    Ok(())
}

/// A credential, and the one origin it may be sent to.
pub(crate) struct Credential {
    pub(crate) secret: Secret,
    /// `None` for a credential given for this run (a flag or a variable), which goes where the
    /// run points; for a stored one, the origin it belongs to.
    pub(crate) bound_to: Option<String>,
    /// What it is, for messages (`the session stored in profile \`work\``).
    pub(crate) described: String,
}

impl Credential {
    /// Whether it may be sent to `origin`.
    pub(crate) fn may_go_to(&self, origin: &str) -> bool {
        self.bound_to.as_deref().is_none_or(|own| own == origin)
    }
}

/// The settings a command runs with, resolved.
pub(crate) struct Settings {
    pub(crate) profile: String,
    pub(crate) base_url: Option<String>,
    /// Where `base_url` came from, for messages (`NEXEVO_BASE_URL`).
    pub(crate) base_url_source: String,
    pub(crate) organization: Option<String>,
    pub(crate) api_key: Option<Credential>,
    pub(crate) session: Option<Credential>,
}

/// What the global flags say (each `None` when not given).
#[derive(Default)]
pub(crate) struct Flags {
    pub(crate) profile: Option<String>,
    pub(crate) base_url: Option<String>,
    pub(crate) organization: Option<String>,
    pub(crate) api_key: Option<String>,
}

/// The value of an environment variable, when it is set and not empty.
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

/// The origin of `url` (`scheme://host[:port]`, the port only when not the scheme's own), or
/// the text itself when it is not a URL (it then matches no origin, and the client refuses it).
pub(crate) fn origin_of(url: &str) -> String {
    url::Url::parse(url).map_or_else(|_| url.to_owned(), |url| url.origin().ascii_serialization())
}

impl Settings {
    /// Resolves each setting: its flag, else its variable, else the profile's value. Stored
    /// credentials are bound: the session to the origin that issued it, the API key to the
    /// profile's own base URL (or Nexevo's).
    pub(crate) fn resolve(flags: Flags, store: &ConfigStore) -> Self {
        let profile = flags
            .profile
            .or_else(|| env("NEXEVO_PROFILE"))
            .unwrap_or_else(|| DEFAULT_PROFILE.to_owned());
        let saved = store.profile(&profile);
        let (base_url, base_url_source) = match (flags.base_url, env("NEXEVO_BASE_URL")) {
            (Some(url), _) => (Some(url), "--base-url".to_owned()),
            (None, Some(url)) => (Some(url), "NEXEVO_BASE_URL".to_owned()),
            (None, None) => match saved.base_url.clone() {
                Some(url) => (Some(url), format!("profile `{profile}`")),
                None => (None, "the default".to_owned()),
            },
        };
        let profiles_server = origin_of(
            saved
                .base_url
                .as_deref()
                .unwrap_or(nexevo::DEFAULT_BASE_URL),
        );
        let given_key = flags
            .api_key
            .or_else(|| env("NEXEVO_API_KEY"))
            .map(|key| Credential {
                secret: Secret::new(key),
                bound_to: None,
                described: "the API key given".to_owned(),
            });
        let stored_key = saved.api_key.map(|secret| Credential {
            secret,
            bound_to: Some(profiles_server.clone()),
            described: format!("the API key stored in profile `{profile}`"),
        });
        let session = saved.session_token.map(|secret| Credential {
            secret,
            bound_to: Some(saved.session_origin.unwrap_or(profiles_server)),
            described: format!("the session stored in profile `{profile}`"),
        });
        Self {
            base_url,
            base_url_source,
            organization: flags
                .organization
                .or_else(|| env("NEXEVO_ORGANIZATION"))
                .or(saved.organization),
            api_key: given_key.or(stored_key),
            session,
            profile,
        }
    }

    /// The base URL calls go to.
    pub(crate) fn target(&self) -> &str {
        self.base_url.as_deref().unwrap_or(nexevo::DEFAULT_BASE_URL)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_reads_back_as_written_and_secrets_are_not_shown() {
        let file: ConfigFile = toml::from_str(
            "[profiles.default]\nbase_url = \"http://127.0.0.1:8080\"\napi_key = \"nx-test-sentinel\"\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let profile = &file.profiles[DEFAULT_PROFILE];
        assert_eq!(profile.base_url.as_deref(), Some("http://127.0.0.1:8080"));
        assert_eq!(
            profile.api_key.as_ref().map(Secret::expose),
            Some("nx-test-sentinel")
        );
        let text = toml::to_string(&file).unwrap_or_else(|e| panic!("{e}"));
        assert!(text.contains("nx-test-sentinel"), "the file keeps it");
        assert!(!format!("{:?}", profile.api_key).contains("sentinel"));
    }

    #[test]
    fn an_unknown_setting_is_refused_not_ignored() {
        let parsed = toml::from_str::<ConfigFile>("[profiles.default]\napi_kee = \"x\"\n");
        assert!(parsed.is_err());
    }
}
