#!/usr/bin/env Rscript
# R glmnet's side of the sparse benchmark (run by notebooks/reference/compare_glmnet.sh).
#
#     Rscript notebooks/reference/bench_glmnet.R --repeat 3 --tiles 1 --out artifacts/bench/glmnet-1.json
#
# The workload, built exactly as `churn bench sparse` builds it (Churn.Experiments/Benchmarks/SparseBenchData.cs):
# churn-bigml-80's 17 features (State, Area code excluded; Yes/No -> 1/0) standardised (population SD),
# tiled `tiles` times; from tile 2 on, each base value gets noise 0.01 * (frac(sin(k * 12.9898 + j * 78.233 + 0.5)
# * 43758.5453) - 0.5) for global row k (0-based) and column j (0-based); then all 136 pairwise products and 17 squares
# are appended (170 columns) and all 170 are standardised again. glmnet fits a 100-lambda lasso path on it with
# standardize = FALSE, thresh = --thresh (glmnet's default 1e-7) and fdev = 0 (so every one of the 100 lambdas is fitted). Only the glmnet call
# is timed (median of `repeat` runs; compiled Fortran needs no warm-up): wall and CPU (user + sys) seconds. The JSON holds the lambdas and coefficients of the last run.
suppressPackageStartupMessages(library(glmnet))

args <- commandArgs(trailingOnly = TRUE)
opt <- function(name, default) { i <- match(name, args); if (is.na(i)) default else args[i + 1] }
repeats <- as.integer(opt("--repeat", "3"))
tiles <- as.integer(opt("--tiles", "1"))
out <- opt("--out", "glmnet.json")
thresh <- as.numeric(opt("--thresh", "1e-7"))
script <- normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
root <- normalizePath(file.path(dirname(script), "..", ".."))

d <- read.csv(file.path(root, "data", "raw", "churn-bigml-80.csv"), check.names = FALSE, stringsAsFactors = FALSE, colClasses = "character")
features <- setdiff(names(d), c("State", "Area code", "Churn"))
X <- sapply(features, function(f) { v <- d[[f]]; if (all(v %in% c("Yes", "No"))) as.numeric(v == "Yes") else as.numeric(v) })
y0 <- as.numeric(d$Churn == "True")
standardise <- function(X) {
  m <- colMeans(X)
  centred <- sweep(X, 2, m)
  sweep(centred, 2, sqrt(colMeans(centred^2)), "/")
}
Z <- standardise(X)
n <- nrow(Z); p <- ncol(Z)
B <- Z[rep(seq_len(n), tiles), , drop = FALSE]
if (tiles > 1) {
  k <- (n):(n * tiles - 1)
  for (j in 0:(p - 1)) {
    h <- sin(k * 12.9898 + j * 78.233 + 0.5) * 43758.5453
    B[k + 1, j + 1] <- B[k + 1, j + 1] + 0.01 * ((h - floor(h)) - 0.5)
  }
}
y <- rep(y0, tiles)
cols <- list(B)
for (a in 1:p) for (b in a:p) cols[[length(cols) + 1]] <- B[, a] * B[, b]
D <- standardise(do.call(cbind, cols))
stopifnot(ncol(D) == 170)

glmnet.control(fdev = 0)
fit_once <- function() glmnet(D, y, family = "binomial", alpha = 1, nlambda = 100, standardize = FALSE, thresh = thresh, maxit = 1e7)
times <- numeric(repeats)
cpu <- numeric(repeats)
for (r in seq_len(repeats)) {
  t <- system.time(fit <- fit_once())
  times[r] <- t[["elapsed"]]
  cpu[r] <- t[["user.self"]] + t[["sys.self"]]
}
glmnet.control(factory = TRUE)

num <- function(x) sprintf("%.17g", x)
arr <- function(x) paste0("[", paste(num(x), collapse = ","), "]")
beta <- as.matrix(fit$beta)
json <- paste0("{\"tool\": \"R glmnet ", as.character(packageVersion("glmnet")), "\", \"rows\": ", nrow(D), ", \"columns\": ", ncol(D),
  ", \"seconds\": ", num(median(times)), ", \"times\": ", arr(times), ", \"cpu_seconds\": ", num(median(cpu)), ", \"npasses\": ", fit$npasses,
  ", \"lambda\": ", arr(fit$lambda), ", \"a0\": ", arr(as.numeric(fit$a0)),
  ", \"beta\": [", paste(sapply(seq_along(fit$lambda), function(k) arr(beta[, k])), collapse = ","), "]}\n")
writeLines(json, out, sep = "")
cat(sprintf("glmnet: %d x %d, %d lambdas, median %.3f s\n", nrow(D), ncol(D), length(fit$lambda), median(times)), file = stderr())
