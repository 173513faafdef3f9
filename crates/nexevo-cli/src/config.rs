//! Where the CLI's settings come from: a flag, else an environment variable, else the profile
//! in the config file, else the default. The config file (`config.toml` in the user's config
//! directory, or in `NEXEVO_CONFIG_DIR`) holds profiles, and the session token `nexevo auth
//! login` stores; it is written readable by its owner only.

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
        let file = match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|error| {
                CliError::Usage(format!("{}: {}", path.display(), error.message()))
            })?,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => ConfigFile::default(),
            Err(error) => {
                return Err(CliError::Local(format!(
                    "reading {}: {error}",
                    path.display()
                )));
            }
        };
        Ok(Self { path, file })
    }

    /// The file's path.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The named profile, or an empty one.
    pub(crate) fn profile(&self, name: &str) -> Profile {
        self.file.profiles.get(name).cloned().unwrap_or_default()
    }

    /// Changes the named profile and writes the file.
    pub(crate) fn update(
        &mut self,
        name: &str,
        change: impl FnOnce(&mut Profile),
    ) -> Result<(), CliError> {
        change(self.file.profiles.entry(name.to_owned()).or_default());
        self.save()
    }

    /// Writes the file readable by its owner only: a temporary file created with those
    /// permissions, then renamed over the old one, so the secrets are never readable by others,
    /// not even for a moment, and a crash leaves the old file whole.
    fn save(&self) -> Result<(), CliError> {
        let local = |what: &str, error: std::io::Error| {
            CliError::Local(format!("{what} {}: {error}", self.path.display()))
        };
        let text = toml::to_string(&self.file)
            .map_err(|error| CliError::Local(format!("writing the config: {error}")))?;
        if let Some(dir) = self.path.parent() {
            create_private_dir(dir).map_err(|e| local("creating the directory of", e))?;
        }
        let temporary = self.path.with_extension("toml.tmp");
        write_private(&temporary, text.as_bytes()).map_err(|e| local("writing", e))?;
        std::fs::rename(&temporary, &self.path).map_err(|e| local("replacing", e))
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

#[cfg(unix)]
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    // A file left by an earlier run keeps its mode: set it.
    file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    file.write_all(contents)?;
    file.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

/// The settings a command runs with, resolved.
pub(crate) struct Settings {
    pub(crate) profile: String,
    pub(crate) base_url: Option<String>,
    pub(crate) organization: Option<String>,
    pub(crate) api_key: Option<Secret>,
    pub(crate) session_token: Option<Secret>,
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

impl Settings {
    /// Resolves each setting: its flag, else its variable, else the profile's value.
    pub(crate) fn resolve(flags: Flags, store: &ConfigStore) -> Self {
        let profile = flags
            .profile
            .or_else(|| env("NEXEVO_PROFILE"))
            .unwrap_or_else(|| DEFAULT_PROFILE.to_owned());
        let saved = store.profile(&profile);
        Self {
            base_url: flags
                .base_url
                .or_else(|| env("NEXEVO_BASE_URL"))
                .or(saved.base_url),
            organization: flags
                .organization
                .or_else(|| env("NEXEVO_ORGANIZATION"))
                .or(saved.organization),
            api_key: flags
                .api_key
                .or_else(|| env("NEXEVO_API_KEY"))
                .map(Secret::new)
                .or(saved.api_key),
            session_token: saved.session_token,
            profile,
        }
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
