# Two commands on a fresh machine with the .NET SDK: `make run`, `make test`. Each restores and builds what it needs;
# the build itself patches libLibTorchSharp.so for Debian 12 (build/PatchLibTorchSharp.targets).
DOTNET ?= dotnet
CONFIG ?= Release
export DOTNET_CLI_TELEMETRY_OPTOUT = 1
export DOTNET_NOLOGO = 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE = 1
DLP = $(DOTNET) src/Host/bin/$(CONFIG)/net10.0/linux-x64/dlp.dll

.PHONY: build run test bench bench-scale publish clean

build:
	$(DOTNET) build DeepLearning.Pipelines.sln -c $(CONFIG) -v quiet -clp:NoSummary

run: build
	$(DLP) train examples/iris-maximum-entropy.yaml --output models/iris-species.zip
	$(DLP) predict models/iris-species.zip --data datasets/iris/iris.csv --output models/iris-predictions.csv --keep species
	@head -5 models/iris-predictions.csv

test: build
	CONFIG=$(CONFIG) scripts/run-tests.sh

# dlp against scikit-learn (linear, L-BFGS, k-means, PCA, trees, text, embedded scoring) and its MLP against PyTorch,
# same files and rows (Debian's python3-sklearn / python3-torch, installed when missing): table + bench/results/.
# BENCH_CASES=a,b selects cases, RUNS=n the repetitions (bench/run.sh). Then batch scoring (2M-row CSV → CSV) and
# start-up (cold `dlp --version`, `inspect`, a tiny `predict`, JIT build and ReadyToRun).
bench:
	CONFIG=$(CONFIG) bench/run.sh
	CONFIG=$(CONFIG) bench/scoring.sh
	CONFIG=$(CONFIG) bench/startup.sh

# Training from CSVs larger than a cgroup memory cap, at three sizes (tens of minutes; see README "Training on large files").
bench-scale:
	CONFIG=$(CONFIG) bench/scale.sh

# dlp compiled ahead of time (ReadyToRun): a faster cold start (`dlp inspect`, a tiny `dlp predict`) than the JIT-only
# build; run it as $(PUBLISH_DIR)/dlp. Framework-dependent like the build (it needs the .NET 10 runtime).
PUBLISH_DIR ?= dist/dlp
publish:
	$(DOTNET) publish src/Host/DeepLearning.Host.csproj -c $(CONFIG) -r linux-x64 --self-contained false \
		-p:PublishReadyToRun=true -o $(PUBLISH_DIR) -v quiet -clp:NoSummary
	@echo "dlp (ReadyToRun): $(PUBLISH_DIR)/dlp"

clean:
	rm -rf src/*/bin src/*/obj test/*/bin test/*/obj TestResults models dist
