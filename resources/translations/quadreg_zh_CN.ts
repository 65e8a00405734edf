<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>gradient descent</source>
        <extracomment>How messages name each optimizer.</extracomment>
        <translation>梯度下降</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Nesterov momentum</source>
        <translation>Nesterov 动量</translation>
    </message>
    <message>
        <source>Data</source>
        <extracomment>Which optimizer settings each optimizer reads (the GUI shows only these). Where the data comes from (beside the FIELDS: free text, checked when the file is read). The longest path or column name accepted. Settings that define the data, the model and the loss: changing one means a new problem (the data made anew), not a live change of the run. How the settings are grouped in the CLI&apos;s help and the GUI&apos;s panel.</extracomment>
        <translation>数据</translation>
    </message>
    <message>
        <source>Model and optimizer</source>
        <translation>模型与优化器</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>one of {choices}</source>
        <extracomment>Settings that do not change the path of training, only how long and how it is logged. Each model&apos;s parameter names.</extracomment>
        <translation>{choices} 之一</translation>
    </message>
    <message>
        <source>a whole number from {low} to {high}</source>
        <translation>{low} 到 {high} 之间的整数</translation>
    </message>
    <message>
        <source>a number in {range}</source>
        <translation>区间 {range} 内的数</translation>
    </message>
    <message>
        <source>must be {allowed}; got {value}</source>
        <translation>应为{allowed}；当前为 {value}</translation>
    </message>
    <message>
        <source>Number of data points, evenly spaced from x_min to x_max.</source>
        <translation>数据点个数，在 x_min 到 x_max 之间均匀分布。</translation>
    </message>
    <message>
        <source>Smallest x of the data.</source>
        <translation>数据的最小 x。</translation>
    </message>
    <message>
        <source>Largest x of the data (must be greater than x_min).</source>
        <translation>数据的最大 x（须大于 x_min）。</translation>
    </message>
    <message>
        <source>True w of the curve y = w*x^2 + b that makes the data.</source>
        <translation>生成数据的曲线 y = w*x^2 + b 的真实 w。</translation>
    </message>
    <message>
        <source>True b of the curve y = w*x^2 + b that makes the data.</source>
        <translation>生成数据的曲线 y = w*x^2 + b 的真实 b。</translation>
    </message>
    <message>
        <source>Noise amount: uniform noise is amount*U[0,1); gaussian noise has mean 0 and standard deviation amount.</source>
        <translation>噪声幅度：均匀噪声为 幅度*U[0,1)；高斯噪声均值为 0，标准差为该幅度。</translation>
    </message>
    <message>
        <source>Noise distribution (the article&apos;s code draws uniform noise).</source>
        <translation>噪声分布（文章代码使用均匀噪声）。</translation>
    </message>
    <message>
        <source>Random seed for the noise and the initial parameters.</source>
        <translation>噪声与初始参数的随机种子。</translation>
    </message>
    <message>
        <source>Model: &apos;article&apos; fits w*x^2 + b; &apos;line&apos; fits a*x + b; &apos;quadratic&apos; fits a*x^2 + b*x + c; &apos;cubic&apos; fits a*x^3 + b*x^2 + c*x + d.</source>
        <translation>模型：&apos;article&apos; 拟合 w*x^2 + b；&apos;line&apos; 拟合 a*x + b；&apos;quadratic&apos; 拟合 a*x^2 + b*x + c；&apos;cubic&apos; 拟合 a*x^3 + b*x^2 + c*x + d。</translation>
    </message>
    <message>
        <source>The loss: &apos;sum&apos; is the article&apos;s ½·Σ(ŷ − y)² + ½·λ·w²; &apos;mean&apos; is that divided by the number of points, so its gradient does not grow with the data.</source>
        <translation>损失：&apos;sum&apos; 是文章的 ½·Σ(ŷ − y)² + ½·λ·w²；&apos;mean&apos; 是它除以数据点数，梯度不会随数据增多而变大。</translation>
    </message>
    <message>
        <source>Optimizer: plain gradient descent (the article), momentum, Nesterov, AdaGrad, RMSProp or Adam.</source>
        <translation>优化器：普通梯度下降（文章所用）、动量、Nesterov、AdaGrad、RMSProp 或 Adam。</translation>
    </message>
    <message>
        <source>Learning rate: how far each step moves against the gradient.</source>
        <translation>学习率：每一步沿梯度反方向移动多远（梯度下降步长）。</translation>
    </message>
    <message>
        <source>Number of passes over the data.</source>
        <translation>训练轮数：遍历全部数据的次数。</translation>
    </message>
    <message>
        <source>Momentum beta for momentum and Nesterov: v = beta*v + (1-beta)*gradient.</source>
        <translation>动量法与 Nesterov 的动量系数 beta：v = beta*v + (1-beta)*梯度。</translation>
    </message>
    <message>
        <source>Adam&apos;s decay rate of the gradient average.</source>
        <translation>Adam 的梯度平均衰减率。</translation>
    </message>
    <message>
        <source>Decay rate of the squared-gradient average (Adam and RMSProp).</source>
        <translation>梯度平方平均的衰减率（Adam 与 RMSProp）。</translation>
    </message>
    <message>
        <source>Small number added to the denominator of adaptive optimizers to avoid division by zero.</source>
        <translation>自适应优化器分母上加的小数，避免除以零。</translation>
    </message>
    <message>
        <source>Points per gradient step; 0 uses all points at once (full batch, as in the article).</source>
        <translation>每次梯度更新使用的点数；0 表示一次使用全部点（批量梯度下降，与文章相同）。</translation>
    </message>
    <message>
        <source>L2 regularization strength lambda; adds 0.5*lambda*w^2 to the loss (the intercept is not penalized).</source>
        <translation>L2 正则化系数 lambda；在损失中加上 0.5*lambda*w^2（偏置不受惩罚）。</translation>
    </message>
    <message>
        <source>Learning-rate schedule: constant, step (multiply by the decay factor every k epochs), exponential or inverse (1/t); all reach lr*factor after k epochs.</source>
        <translation>学习率调度：恒定、阶梯（每 k 轮乘以衰减因子）、指数或反比（1/t）；k 轮后都降到 lr*因子。</translation>
    </message>
    <message>
        <source>Decay period k of the learning-rate schedule, in epochs.</source>
        <translation>学习率调度的衰减周期 k（轮）。</translation>
    </message>
    <message>
        <source>Factor the learning rate reaches after k epochs.</source>
        <translation>k 轮后学习率降到的比例。</translation>
    </message>
    <message>
        <source>Print a log line every this many epochs.</source>
        <translation>每隔多少轮打印一行日志。</translation>
    </message>
    <message>
        <source>must be greater than x_min ({low}); got {value}</source>
        <extracomment>Starting parameters by name (any of the model&apos;s); the rest, or all when empty, take the article&apos;s seeded random draw. A mapping is accepted too. Points moved, added and deleted by the student, in order (core.edits). The data file or example:NAME (&quot;&quot; or example:article: the article&apos;s synthetic data).</extracomment>
        <translation>应大于 x_min（{low}）；当前为 {value}</translation>
    </message>
    <message>
        <source>The article&apos;s data (y = 3x² + 2 + noise)</source>
        <extracomment>The start of the file, where the header and the first rows are looked for. The header and the first row of data are refused beyond this many columns. A column&apos;s name is shortened to this many characters (it labels axes and menus). Names listed in a message, at most. Data values beyond this size are refused: the squares and sums of squares the fit needs (x^4 summed over 10^7 points) must stay finite.</extracomment>
        <translation>文章的数据（y = 3x² + 2 + 噪声）</translation>
    </message>
    <message>
        <source>Gradient descent at lr 0.001 creeps towards w = 3, b = 2; try 0.1, then 1.</source>
        <translation>学习率 0.001 时梯度下降缓慢逼近 w = 3、b = 2；试试 0.1，再试 1。</translation>
    </message>
    <message>
        <source>Stopping distances of cars (Ezekiel, 1930)</source>
        <translation>汽车刹车距离（Ezekiel，1930）</translation>
    </message>
    <message>
        <source>Stopping distance grows faster than speed: the x² term is the braking distance.</source>
        <translation>刹车距离比车速增长得快：x² 项就是制动距离。</translation>
    </message>
    <message>
        <source>Galileo&apos;s inclined plane (1608)</source>
        <translation>伽利略的斜面实验（1608）</translation>
    </message>
    <message>
        <source>, line {n}</source>
        <translation>，第 {n} 行</translation>
    </message>
    <message>
        <source>, column {n}</source>
        <translation>，第 {n} 列</translation>
    </message>
    <message>
        <source>{file}{where}: {problem}</source>
        <translation>{file}{where}：{problem}</translation>
    </message>
    <message>
        <source>{n} numeric columns ({names}); choose which is x and which is y</source>
        <translation>有 {n} 个数值列（{names}）；请选择哪一列是 x、哪一列是 y</translation>
    </message>
    <message>
        <source>no such example; the examples are {known} (the article&apos;s data needs no file)</source>
        <extracomment>Where the columns are: for reading the file again (e.g. an exported script).</extracomment>
        <translation>没有这个示例；示例有 {known}（文章的数据不需要文件）</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>not a regular file (a folder or a device); expected a text file</source>
        <extracomment>Bytes read at once (about 30,000 rows of two numbers, parsed in 12 ms): the reading thread lets the GIL go this often. A file larger than this is refused, before reading or as soon as read (10^7 rows fit well within). Bytes looked at to tell text from binary. Lines are refused beyond this many characters. ... said on the bytes, before decoding: UTF-8 takes up to 4 a character.</extracomment>
        <translation>不是普通文件（是文件夹或设备）；需要文本文件</translation>
    </message>
    <message>
        <source>larger than {mib} MiB; expected at most {rows} rows of text</source>
        <translation>大于 {mib} MiB；最多允许 {rows} 行文本</translation>
    </message>
    <message>
        <source>cannot be read: {reason}</source>
        <translation>无法读取：{reason}</translation>
    </message>
    <message>
        <source>a loop of symbolic links; expected a text file</source>
        <translation>符号链接形成了循环；需要一个文本文件</translation>
    </message>
    <message>
        <source>the file is empty; expected rows of x and y numbers</source>
        <translation>文件为空；需要由 x 和 y 数值组成的行</translation>
    </message>
    <message>
        <source>UTF-16 text; save it as UTF-8 (with or without BOM)</source>
        <translation>UTF-16 文本；请另存为 UTF-8（带或不带 BOM 均可）</translation>
    </message>
    <message>
        <source>a binary file, not text; expected CSV, TSV or whitespace-separated numbers</source>
        <translation>二进制文件，不是文本；需要 CSV、TSV 或空白分隔的数值</translation>
    </message>
    <message>
        <source>longer than {most} characters; expected a header and rows of at most that</source>
        <translation>超过 {most} 个字符；表头和数据行最多应为这么长</translation>
    </message>
    <message>
        <source>byte {byte} is not UTF-8 (perhaps Latin-1); save the file as UTF-8</source>
        <translation>字节 {byte} 不是 UTF-8（可能是 Latin-1）；请将文件另存为 UTF-8</translation>
    </message>
    <message>
        <source>only comments and blank lines; expected rows of x and y numbers</source>
        <translation>只有注释和空行；需要由 x 和 y 数值组成的行</translation>
    </message>
    <message>
        <source>a header but no rows of numbers; expected rows of x and y numbers under it</source>
        <translation>只有表头没有数值行；表头下需要由 x 和 y 数值组成的行</translation>
    </message>
    <message>
        <source>{n} columns; at most {most} are read</source>
        <translation>{n} 列；最多读取 {most} 列</translation>
    </message>
    <message>
        <source>a line of {n} characters; expected a header and rows of at most {most}</source>
        <translation>一行有 {n} 个字符；表头和数据行最多应为 {most} 个字符</translation>
    </message>
    <message>
        <source> and {n} more</source>
        <translation> 等另外 {n} 个</translation>
    </message>
    <message>
        <source>no column {choice} for {role}; the columns are {names} (by name, or by number from 1)</source>
        <translation>{role} 没有列 {choice}；现有的列是 {names}（按名称，或从 1 开始的列号）</translation>
    </message>
    <message>
        <source>column {name} chosen for {role} does not hold numbers</source>
        <translation>为 {role} 选择的列 {name} 不是数值</translation>
    </message>
    <message>
        <source>choose both columns, x and y, or neither</source>
        <translation>请同时选择 x 和 y 两列，或都不选</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>needs two numeric columns, x and y; the first row of data has {n} ({found})</source>
        <translation>需要 x 和 y 两个数值列；第一行数据只有 {n} 个（{found}）</translation>
    </message>
    <message>
        <source>{cell} is not a number; expected a number such as 1.5</source>
        <translation>{cell} 不是数；需要像 1.5 这样的数</translation>
    </message>
    <message>
        <source>x from column {x}, y from column {y}; no header line.</source>
        <translation>x 取自第 {x} 列，y 取自第 {y} 列；没有表头行。</translation>
    </message>
    <message>
        <source>x from {x}, y from {y}, named in line {line}.</source>
        <translation>x 取自 {x}，y 取自 {y}，列名在第 {line} 行。</translation>
    </message>
    <message>
        <source>more than {most} rows; at most {most} are allowed</source>
        <translation>超过 {most} 行；最多允许 {most} 行</translation>
    </message>
    <message>
        <source>{n} cell where {k} or more were expected (no {name} value)</source>
        <translation>只有 {n} 个单元格，至少需要 {k} 个（缺少 {name} 的值）</translation>
    </message>
    <message>
        <source>{n} cells where {k} or more were expected (no {name} value)</source>
        <translation>只有 {n} 个单元格，至少需要 {k} 个（缺少 {name} 的值）</translation>
    </message>
    <message>
        <source>empty cell; expected a number for {name}</source>
        <translation>空单元格；{name} 需要一个数</translation>
    </message>
    <message>
        <source>{cell} is not a number; expected a number such as 1.5 for {name}</source>
        <translation>{cell} 不是数；{name} 需要像 1.5 这样的数</translation>
    </message>
    <message>
        <source>cannot be read as rows of numbers</source>
        <translation>无法读取为数值行</translation>
    </message>
    <message>
        <source> (a decimal point, not a comma)</source>
        <translation>（请用小数点，不要用逗号）</translation>
    </message>
    <message>
        <source>{n} row of numbers; a fit needs at least 2</source>
        <translation>只有 {n} 行数值；拟合至少需要 2 行</translation>
    </message>
    <message>
        <source>{cell} is not a finite number; expected a number such as 1.5 for {name}</source>
        <translation>{cell} 不是有限数；{name} 需要像 1.5 这样的数</translation>
    </message>
    <message>
        <source>A straight line does not fit these distances; a parabola does: choose the model a·x + b and see.</source>
        <translation>直线拟合不了这些距离，抛物线可以：选择模型 a·x + b 试试看。</translation>
    </message>
    <message>
        <source>{cell} is too large for {name}; expected numbers within ±1e50 (rescale the column, e.g. to thousands or millions)</source>
        <translation>{cell} 对 {name} 来说过大；数值应在 ±1e50 以内（请先缩放该列，例如以千或百万为单位）</translation>
    </message>
    <message>
        <source>every x (column {name}) is {x}; a curve needs at least two different x values</source>
        <translation>所有 x（列 {name}）都是 {x}；曲线至少需要两个不同的 x 值</translation>
    </message>
    <message>
        <source>{name} after {steps} steps of {size} points</source>
        <extracomment>One mini-batch&apos;s step (Shift+Step): (its number from 1, the epoch&apos;s batches, its points); ``grad`` is then that batch&apos;s and ``loss_before`` is not known (nan).</extracomment>
        <translation>经过 {steps} 步（每步 {size} 个点）后的 {name}</translation>
    </message>
    <message>
        <source>Epoch {epoch}</source>
        <translation>第 {epoch} 轮</translation>
    </message>
    <message>
        <source>(L and ∂L at its start, the parameters after it: a log line&apos;s numbers)</source>
        <translation>（L 与 ∂L 取本轮开始时的值，参数取本轮之后的值：与日志一行的数字相同）</translation>
    </message>
    <message>
        <source>Epoch {epoch}, batch {k} of {m}: {size} of the points</source>
        <translation>第 {epoch} 轮，第 {k}/{m} 个批次：其中 {size} 个点</translation>
    </message>
    <message>
        <source>(∂L_b of this batch b at its start, the parameters after its step)</source>
        <translation>（∂L_b 取本批次 b 开始时的值，参数取这一步之后的值）</translation>
    </message>
    <message>
        <source>lr {lr} exceeds the stable limit {limit} for this data and {optimizer}: it will diverge.</source>
        <translation>lr {lr} 超过了此数据上{optimizer}的稳定上限 {limit}：训练将会发散。</translation>
    </message>
    <message>
        <source>lr {lr} is the stable limit for this data and {optimizer}: it will swing without converging.</source>
        <translation>lr {lr} 恰好是此数据上{optimizer}的稳定上限：训练将来回摆动而不收敛。</translation>
    </message>
    <message>
        <source>{n} epoch run</source>
        <translation>已运行 {n} 轮</translation>
    </message>
    <message>
        <source>{n} epochs run</source>
        <translation>已运行 {n} 轮</translation>
    </message>
    <message>
        <source>Diverged at epoch {epoch} ({run})</source>
        <translation>在第 {epoch} 轮发散（{run}）</translation>
    </message>
    <message>
        <source>lr {rate} is too large</source>
        <translation>lr {rate} 过大</translation>
    </message>
    <message>
        <source>lr {rate} exceeds the stable limit {limit}</source>
        <translation>lr {rate} 超过稳定上限 {limit}</translation>
    </message>
    <message>
        <source>lr {rate} is too large for {name}</source>
        <translation>对{name}而言 lr {rate} 过大</translation>
    </message>
    <message>
        <source>learning rate {rate} is too large for {name}; try a smaller one</source>
        <translation>对{name}而言学习率 {rate} 过大；请调小</translation>
    </message>
    <message>
        <source>lr {rate} exceeds the stable limit {limit} for {name}</source>
        <translation>lr {rate} 超过了{name}的稳定上限 {limit}</translation>
    </message>
    <message>
        <source>learning rate {rate} exceeds the stable limit {limit} for {name}; use a learning rate below it</source>
        <translation>学习率 {rate} 超过了{name}的稳定上限 {limit}；请使用低于它的学习率</translation>
    </message>
    <message>
        <source>{where}: {text}.</source>
        <translation>{where}：{text}。</translation>
    </message>
    <message>
        <source>2/(λmin+λmax), the best constant rate</source>
        <extracomment>The largest learning rate the settings accept.</extracomment>
        <translation>2/(λmin+λmax)，最佳恒定学习率</translation>
    </message>
    <message>
        <source>the rate at which the slowest direction shrinks fastest</source>
        <translation>使最慢方向收缩最快的学习率</translation>
    </message>
    <message>
        <source>the rate (of three a decade) first within 1 % of the optimal loss in a trial of {epochs} epochs from this start</source>
        <translation>从这个起点试跑 {epochs} 轮、最先进入最优损失 1 % 以内的学习率（每个数量级试三个）</translation>
    </message>
    <message>
        <source>the learning rate given; β of the optimal pair for this data</source>
        <translation>给定的学习率；β 取此数据的最优组合</translation>
    </message>
    <message>
        <source>the optimal pair (lr, β) for this data: the fastest convergence of all learning rates and β</source>
        <translation>此数据的最优组合 (lr, β)：在所有学习率与 β 中收敛最快</translation>
    </message>
    <message>
        <source>the learning rate given</source>
        <translation>给定的学习率</translation>
    </message>
    <message>
        <source>racer</source>
        <translation>参赛者</translation>
    </message>
    <message>
        <source>final loss</source>
        <translation>最终损失</translation>
    </message>
    <message>
        <source>within 1 % at</source>
        <translation>达到 1 % 的轮次</translation>
    </message>
    <message>
        <source>diverged at</source>
        <translation>发散于</translation>
    </message>
    <message>
        <source>the optimizer and its settings</source>
        <extracomment>What the columns hold, for tooltips and --help.</extracomment>
        <translation>优化器及其设置</translation>
    </message>
    <message>
        <source>the loss after the last epoch it ran</source>
        <translation>最后一轮之后的损失</translation>
    </message>
    <message>
        <source>the first epoch whose loss L is within 1 % of the optimal loss L* (L ≤ 1.01·L*)</source>
        <translation>损失 L 首次进入最优损失 L* 的 1 % 以内的轮次（L ≤ 1.01·L*）</translation>
    </message>
    <message>
        <source>the epoch whose loss first exceeded the divergence bound</source>
        <translation>损失首次超过发散界限的轮次</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>No racer came within 1 % of the optimal loss.</source>
        <translation>没有参赛者进入最优损失的 1 % 以内。</translation>
    </message>
    <message>
        <source> and </source>
        <translation> 与 </translation>
    </message>
    <message>
        <source>First within 1 % of the optimal loss: {names}, at epoch {epoch}.</source>
        <translation>最先进入最优损失 1 % 以内：{names}，在第 {epoch} 轮。</translation>
    </message>
    <message>
        <source>{name} adapts its step to the gradients it has seen; the closed form is for gradient descent and momentum</source>
        <extracomment>Where the settings now began to steer a run: (epoch, parameters, velocity or None for zero): theory predicts from there. &quot;Near the optimum&quot;: within this fraction of the optimal loss. Where the optimum fits exactly (loss 0), &quot;near&quot; is this fraction of the initial excess. The most epochs a prediction looks ahead. Momentum&apos;s first epoch near the optimum is looked for this far (2^18 epochs), in chunks of SCAN_CHUNK epochs (1 ms each).</extracomment>
        <translation>{name} 会根据见过的梯度调整步长；闭式解只适用于梯度下降和动量法</translation>
    </message>
    <message>
        <source>the learning rate changes over the run; the closed form needs a constant one</source>
        <translation>学习率在训练中会变化；闭式解需要恒定的学习率</translation>
    </message>
    <message>
        <source>mini-batches make each step random; the closed form is for the full batch</source>
        <translation>小批量让每一步带有随机性；闭式解只适用于全批量</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>Start, pause or resume</source>
        <translation>开始、暂停或继续</translation>
    </message>
    <message>
        <source>→ or S</source>
        <translation>→ 或 S</translation>
    </message>
    <message>
        <source>Step one epoch</source>
        <translation>单步一轮</translation>
    </message>
    <message>
        <source>Shift+→ or Shift+S</source>
        <translation>Shift+→ 或 Shift+S</translation>
    </message>
    <message>
        <source>Step one mini-batch</source>
        <translation>单步一个小批量</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>Reset to epoch 0</source>
        <translation>重置到第 0 轮</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <source>Open data (or drop a file on the window)</source>
        <translation>打开数据（或把文件拖到窗口上）</translation>
    </message>
    <message>
        <source>Ctrl+S / Ctrl+Shift+S</source>
        <translation>Ctrl+S / Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>Save the experiment / save it as…</source>
        <translation>保存实验 / 另存为…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open an experiment</source>
        <translation>打开实验</translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <source>Pin the run and start a new one from the same start</source>
        <translation>固定本次训练，并从同一起点开始新的训练</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Race optimizers…</source>
        <translation>优化器赛跑…</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Leave presentation mode; else end the race</source>
        <translation>退出演示模式；否则结束赛跑</translation>
    </message>
    <message>
        <source>Enter (in a field)</source>
        <translation>回车（在输入框中）</translation>
    </message>
    <message>
        <source>Apply the value and leave the field, so Space starts</source>
        <translation>应用数值并离开输入框，之后空格即可开始</translation>
    </message>
    <message>
        <source>Home or double-click a plot</source>
        <translation>Home 或双击图表</translation>
    </message>
    <message>
        <source>Reset the plots&apos; view</source>
        <translation>重置图表视图</translation>
    </message>
    <message>
        <source>1, 2, 3, 4 or double-click a title</source>
        <translation>1、2、3、4 或双击标题</translation>
    </message>
    <message>
        <source>Focus: the data, loss, landscape or log fills the plot area (again: all)</source>
        <translation>聚焦：数据图、损失图、损失曲面或日志占满图表区（再按一次：全部）</translation>
    </message>
    <message>
        <source>0</source>
        <translation>0</translation>
    </message>
    <message>
        <source>All panes again</source>
        <translation>回到全部面板</translation>
    </message>
    <message>
        <source>Page Down / Page Up, Alt+→ / Alt+←</source>
        <translation>Page Down / Page Up，Alt+→ / Alt+←</translation>
    </message>
    <message>
        <source>Next / previous step of a lesson</source>
        <translation>课程的下一步 / 上一步</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>Open a lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>Presentation mode (Esc leaves it)</source>
        <translation>演示模式（Esc 退出）</translation>
    </message>
    <message>
        <source>Ctrl+= / Ctrl+- / Ctrl+0</source>
        <translation>Ctrl+= / Ctrl+- / Ctrl+0</translation>
    </message>
    <message>
        <source>Larger, smaller, actual size (75 % to 300 %)</source>
        <translation>放大、缩小、实际大小（75 % 到 300 %）</translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <source>Show or hide the parameters</source>
        <translation>显示或隐藏参数</translation>
    </message>
    <message>
        <source>F11</source>
        <translation>F11</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>What am I looking at? (each panel and term explained)</source>
        <translation>我看到的是什么？（解释每个面板和术语）</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Data plot</source>
        <extracomment>File &gt; Export&apos;s submenus.</extracomment>
        <translation>数据图</translation>
    </message>
    <message>
        <source>Loss plot</source>
        <translation>损失图</translation>
    </message>
    <message>
        <source>Loss landscape</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <source>&amp;Lesson</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Undo edit of the data</source>
        <translation>撤销数据编辑(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo edit of the data</source>
        <translation>重做数据编辑(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delete the selected point</source>
        <translation>删除选中的点(&amp;D)</translation>
    </message>
    <message>
        <source>Click a point in the data plot to select it.</source>
        <translation>在数据图中点击一个点即可选中它。</translation>
    </message>
    <message>
        <source>Add an &amp;outlier</source>
        <translation>添加一个离群点(&amp;O)</translation>
    </message>
    <message>
        <source>A point far above the others: squared loss pulls the whole fit towards it.</source>
        <translation>一个远高于其他点的点：平方损失会把整条拟合曲线拉向它。</translation>
    </message>
    <message>
        <source>Drag a point of the data plot to move it; click empty space to add one.</source>
        <translation>拖动数据图中的点可移动它；点击空白处可添加一个点。</translation>
    </message>
    <message>
        <source>&amp;Open data…</source>
        <translation>打开数据(&amp;O)…</translation>
    </message>
    <message>
        <source>A CSV, TSV or whitespace-separated file of x and y columns (Ctrl+O; or drop a file on the window).</source>
        <translation>由 x 列和 y 列组成的 CSV、TSV 或空白分隔文件（Ctrl+O；或把文件拖到窗口上）。</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>示例(&amp;X)</translation>
    </message>
    <message>
        <source>Open &amp;experiment…</source>
        <translation>打开实验(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Save experiment</source>
        <translation>保存实验(&amp;S)</translation>
    </message>
    <message>
        <source>Save experiment &amp;as…</source>
        <translation>实验另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Ex&amp;port</source>
        <translation>导出(&amp;P)</translation>
    </message>
    <message>
        <source>PNG…</source>
        <translation>PNG…</translation>
    </message>
    <message>
        <source>PNG at 2×…</source>
        <translation>PNG（2 倍）…</translation>
    </message>
    <message>
        <source>PNG at 4×…</source>
        <translation>PNG（4 倍）…</translation>
    </message>
    <message>
        <source>SVG…</source>
        <translation>SVG…</translation>
    </message>
    <message>
        <source>Copy to clipboard</source>
        <translation>复制到剪贴板</translation>
    </message>
    <message>
        <source>Window as PNG…</source>
        <translation>窗口为 PNG…</translation>
    </message>
    <message>
        <source>History as CSV…</source>
        <translation>历史记录为 CSV…</translation>
    </message>
    <message>
        <source>NumPy script…</source>
        <translation>NumPy 脚本…</translation>
    </message>
    <message>
        <source>Jupyter notebook…</source>
        <translation>Jupyter 笔记本…</translation>
    </message>
    <message>
        <source>&amp;Focus</source>
        <translation>聚焦(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen, parameters hidden, everything at 175 %, and the run in a corner (F5; Esc leaves).</source>
        <translation>全屏、隐藏参数、一切放大到 175 %，训练状态显示在角落（F5；Esc 退出）。</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Colour-blind safe palette</source>
        <translation>色盲友好配色(&amp;C)</translation>
    </message>
    <message>
        <source>Okabe–Ito colours, and a line style for each series as well as a colour.</source>
        <translation>Okabe–Ito 配色，每条曲线除颜色外还有各自的线型。</translation>
    </message>
    <message>
        <source>Restore &amp;defaults</source>
        <translation>恢复默认设置(&amp;D)</translation>
    </message>
    <message>
        <source>The article&apos;s settings and data, and the window&apos;s own layout, theme and size.</source>
        <translation>文章的设置和数据，以及窗口自己的布局、主题和大小。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Reset view</source>
        <translation>重置视图(&amp;R)</translation>
    </message>
    <message>
        <source>Back to each plot&apos;s own view after zooming (or double-click it).</source>
        <translation>缩放后回到每个图表自己的视图（或双击图表）。</translation>
    </message>
    <message>
        <source>Loss on a &amp;log scale</source>
        <translation>损失使用对数坐标(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Parameters</source>
        <translation>参数(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Data plot</source>
        <translation>数据图(&amp;D)</translation>
    </message>
    <message>
        <source>While the cursor is in a field, keys type into it: Space, R, S and digits are text there, and → moves the cursor (on a slider, → moves the slider).</source>
        <translation>光标在输入框中时，按键输入到框内：空格、R、S 和数字都是文字，→ 移动光标（在滑块上，→ 移动滑块）。</translation>
    </message>
    <message>
        <source>&amp;All panes</source>
        <extracomment>View &gt; Focus: the panes by the plot grid&apos;s keys, each with its key.</extracomment>
        <translation>全部面板(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Loss plot</source>
        <translation>损失图(&amp;L)</translation>
    </message>
    <message>
        <source>Loss l&amp;andscape</source>
        <translation>损失曲面(&amp;A)</translation>
    </message>
    <message>
        <source>L&amp;og and step explained</source>
        <translation>日志与单步解析(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Animation (MP4 or GIF)…</source>
        <translation>动画（MP4 或 GIF）(&amp;A)…</translation>
    </message>
    <message>
        <source>The run replayed from its start, frame by frame, as a video for slides or the web.</source>
        <translation>从头逐帧重放这次训练，生成可用于幻灯片或网页的视频。</translation>
    </message>
    <message>
        <source>&amp;Open lesson…</source>
        <translation>打开课程(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save lesson as…</source>
        <translation>课程另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Next step</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous step</source>
        <translation>上一步(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Add this state as a step…</source>
        <translation>将当前状态添加为一步(&amp;A)…</translation>
    </message>
    <message>
        <source>The settings, data, panes and focus shown now, as a step after this one (a new lesson if none is open).</source>
        <translation>把现在的设置、数据、面板和聚焦作为当前步骤之后的一步（若没有打开课程，则新建一个课程）。</translation>
    </message>
    <message>
        <source>&amp;Edit this step…</source>
        <translation>编辑这一步(&amp;E)…</translation>
    </message>
    <message>
        <source>Move step &amp;earlier</source>
        <translation>这一步前移(&amp;E)</translation>
    </message>
    <message>
        <source>Move step &amp;later</source>
        <translation>这一步后移(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Delete this step</source>
        <translation>删除这一步(&amp;D)</translation>
    </message>
    <message>
        <source>Lea&amp;ve the lesson</source>
        <translation>退出课程(&amp;V)</translation>
    </message>
    <message>
        <source>Add this state as a step</source>
        <translation>将当前状态添加为一步</translation>
    </message>
    <message>
        <source>Edit this step</source>
        <translation>编辑这一步</translation>
    </message>
    <message>
        <source>Random &amp;start</source>
        <translation>随机起点(&amp;S)</translation>
    </message>
    <message>
        <source>Start from the article&apos;s seeded random draw (after a click on the landscape chose a start).</source>
        <translation>从文章的带种子随机初值开始（在损失曲面上点击选过起点之后）。</translation>
    </message>
    <message>
        <source>&amp;Pin run</source>
        <translation>固定本次训练(&amp;P)</translation>
    </message>
    <message>
        <source>Keep this run on the loss plot and the landscape, faded, and start a new one from the same start (Ctrl+P).</source>
        <translation>把本次训练淡化保留在损失图和损失曲面上，并从同一起点开始新的训练（Ctrl+P）。</translation>
    </message>
    <message>
        <source>&amp;Clear pins</source>
        <translation>清除固定(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Race optimizers…</source>
        <translation>优化器赛跑(&amp;R)…</translation>
    </message>
    <message>
        <source>GD, momentum, Nesterov, AdaGrad, RMSProp and Adam from the same start on the same data, side by side (Ctrl+Shift+R).</source>
        <translation>GD、动量、Nesterov、AdaGrad、RMSProp 和 Adam 从同一起点、在同一数据上并排比赛（Ctrl+Shift+R）。</translation>
    </message>
    <message>
        <source>&amp;End race</source>
        <translation>结束赛跑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;What am I looking at?</source>
        <translation>我看到的是什么？(&amp;W)</translation>
    </message>
    <message>
        <source>What each panel shows, and every term its readouts use</source>
        <translation>每个面板显示什么，以及读数用到的每个术语</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About QuadReg</source>
        <translation>关于 QuadReg(&amp;A)</translation>
    </message>
    <message>
        <source>Choose x and y</source>
        <translation>选择 x 和 y</translation>
    </message>
    <message>
        <source>{file} has {n} numeric columns. Which is x and which is y?</source>
        <translation>{file} 有 {n} 个数值列。哪一列是 x，哪一列是 y？</translation>
    </message>
    <message>
        <source>&amp;x (horizontal)</source>
        <translation>&amp;x（横轴）</translation>
    </message>
    <message>
        <source>&amp;y (fitted)</source>
        <translation>&amp;y（拟合目标）</translation>
    </message>
    <message>
        <source>Nothing to pin yet: run some epochs first.</source>
        <translation>还没有可固定的训练：先运行几轮。</translation>
    </message>
    <message>
        <source>At most {n} pins: remove one in the Pins tab first.</source>
        <translation>最多固定 {n} 次训练：请先在“固定”标签页中移除一个。</translation>
    </message>
    <message>
        <source>Pinned. Change a setting and run again to compare.</source>
        <extracomment>A note on pins stays this long in the status bar: it says what to do next.</extracomment>
        <translation>已固定。改变一个设置后再次运行即可比较。</translation>
    </message>
    <message>
        <source>Pins cleared: the data or model changed, and a pinned curve on other data would mislead.</source>
        <translation>已清除固定：数据或模型已改变，其他数据上的固定曲线会造成误导。</translation>
    </message>
    <message>
        <source>Racing {n} optimizers from the same start; your run waits until the race ends.</source>
        <extracomment>Trace keys of racers start here (pins use their numbers, 1 to 8 and up).</extracomment>
        <translation>{n} 个优化器正从同一起点赛跑；你的训练在赛跑结束后继续。</translation>
    </message>
    <message>
        <source>End race</source>
        <translation>结束赛跑</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>x from</source>
        <translation>x 起</translation>
    </message>
    <message>
        <source>x to</source>
        <translation>x 止</translation>
    </message>
    <message>
        <source>True w</source>
        <translation>真实 w</translation>
    </message>
    <message>
        <source>True b</source>
        <translation>真实 b</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Noise kind</source>
        <translation>噪声类型</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>Momentum β</source>
        <translation>动量系数 β</translation>
    </message>
    <message>
        <source>β1</source>
        <translation>β1</translation>
    </message>
    <message>
        <source>β2</source>
        <translation>β2</translation>
    </message>
    <message>
        <source>ε</source>
        <translation>ε</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <source>L2 λ</source>
        <translation>L2 λ</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>调度</translation>
    </message>
    <message>
        <source>Decay every</source>
        <translation>衰减周期</translation>
    </message>
    <message>
        <source>Decay factor</source>
        <translation>衰减因子</translation>
    </message>
    <message>
        <source>Log every</source>
        <translation>日志间隔</translation>
    </message>
    <message>
        <source>Gradient descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <source>Momentum</source>
        <extracomment>The race &quot;Race optimizers…&quot; proposes and ``--race`` names. Momentum&apos;s and Nesterov&apos;s beta in a race where the loss has a flat direction (else the optimal pair&apos;s, unless a racer or the command line says otherwise). The largest beta a race proposes (three digits of 1 - 1e-4 would round to 1). Settings a racer may set (the rest, data, model and L2 included, are the race&apos;s). The most epochs an adaptive optimizer&apos;s trial runs.</extracomment>
        <translation>动量</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>AdaGrad</source>
        <translation>AdaGrad</translation>
    </message>
    <message>
        <source>RMSProp</source>
        <translation>RMSProp</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>w·x² + b (article)</source>
        <translation>w·x² + b（文章）</translation>
    </message>
    <message>
        <source>a·x + b (line)</source>
        <translation>a·x + b（直线）</translation>
    </message>
    <message>
        <source>a·x² + b·x + c</source>
        <translation>a·x² + b·x + c</translation>
    </message>
    <message>
        <source>a·x³ + b·x² + c·x + d</source>
        <translation>a·x³ + b·x² + c·x + d</translation>
    </message>
    <message>
        <source>Sum (article)</source>
        <translation>求和（文章）</translation>
    </message>
    <message>
        <source>Mean (sum ÷ n)</source>
        <translation>平均（求和 ÷ n）</translation>
    </message>
    <message>
        <source>Uniform (article)</source>
        <translation>均匀（文章）</translation>
    </message>
    <message>
        <source>Gaussian</source>
        <translation>高斯</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>Step decay</source>
        <translation>阶梯衰减</translation>
    </message>
    <message>
        <source>Exponential</source>
        <translation>指数衰减</translation>
    </message>
    <message>
        <source>Inverse time (1/t)</source>
        <translation>反比衰减（1/t）</translation>
    </message>
    <message>
        <source>New data</source>
        <extracomment>The settings that make the points (edits are of them). The settings that make the article&apos;s data (hidden while the data is a file&apos;s). Fields shown with a %g-formatted spin box (their useful values span decades). The widest text a %g spin box shows (six significant digits): it must fit. Each field&apos;s text as last typed: what is wrong with it (&apos;&apos; if nothing), else its value.</extracomment>
        <translation>新数据</translation>
    </message>
    <message>
        <source>Draw new noise and a new start: the next seed.</source>
        <translation>重新生成噪声和起点：使用下一个随机种子。</translation>
    </message>
    <message>
        <source>Article&apos;s data</source>
        <translation>文章的数据</translation>
    </message>
    <message>
        <source>Back to the article&apos;s synthetic data, made from the settings below.</source>
        <translation>回到文章的合成数据，由下面的设置生成。</translation>
    </message>
    <message>
        <source>Standardize x</source>
        <translation>标准化 x</translation>
    </message>
    <message>
        <source>Train on z = (x − mean)/spread (w·x² + b: z = x/RMS), so that data of any scale trains at a sane learning rate; the fitted curve is also shown on x itself. On by default for a data file.</source>
        <translation>在 z = (x − 均值)/尺度 上训练（w·x² + b 时 z = x/RMS），使任何尺度的数据都能用合理的学习率训练；拟合曲线也会画在原始 x 上。数据文件默认开启。</translation>
    </message>
    <message>
        <source>{problem}; {field} stays {value}</source>
        <translation>{problem}；{field}保持为 {value}</translation>
    </message>
    <message>
        <source>, at most {n} decimals</source>
        <translation>，最多 {n} 位小数</translation>
    </message>
    <message>
        <source>{field} takes {low} to {high} here{digits}, not {typed}; it stays {value}</source>
        <translation>{field}在此可取 {low} 到 {high}{digits}，不能取 {typed}；保持为 {value}</translation>
    </message>
    <message>
        <source>A new random start: the next seed.</source>
        <translation>新的随机起点：使用下一个随机种子。</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>&lt;p&gt;A live instrument for a classic lesson: fitting y = w·x² + b by gradient descent in plain NumPy. Change the learning rate, the optimizer or the data while it trains and watch the fit and the loss respond.&lt;/p&gt;&lt;p&gt;It reproduces, digit for digit, the article &lt;i&gt;{title}&lt;/i&gt; ({title_en}): the same seeded data, the same initial parameters, the same log lines.&lt;/p&gt;&lt;p&gt;Licence: MIT.&lt;/p&gt;</source>
        <translation>&lt;p&gt;一件讲解经典一课的实时教具：用纯 NumPy 以梯度下降拟合 y = w·x² + b。训练时改变学习率、优化器或数据，立即看到拟合曲线和损失的反应。&lt;/p&gt;&lt;p&gt;它逐位复现文章&lt;i&gt;{title}&lt;/i&gt;（{title_en}）：同样带种子的数据、同样的初始参数、同样的日志行。&lt;/p&gt;&lt;p&gt;许可证：MIT。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About QuadReg</source>
        <translation>关于 QuadReg</translation>
    </message>
    <message>
        <source>Copy version information</source>
        <translation>复制版本信息</translation>
    </message>
    <message>
        <source>data plot</source>
        <translation>数据图</translation>
    </message>
    <message>
        <source>loss plot</source>
        <translation>损失图</translation>
    </message>
    <message>
        <source>loss landscape</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <source>Not loaded: {reason}</source>
        <extracomment>A load that takes longer than this shows that it is working. The settings and table a load that fails goes back to.</extracomment>
        <translation>未载入：{reason}</translation>
    </message>
    <message>
        <source>Export the {plot}</source>
        <extracomment>History files the worker has yet to write, with when each was asked for.</extracomment>
        <translation>导出{plot}</translation>
    </message>
    <message>
        <source>Export the window</source>
        <translation>导出窗口</translation>
    </message>
    <message>
        <source>Export the history</source>
        <translation>导出历史记录</translation>
    </message>
    <message>
        <source>Export as NumPy script</source>
        <translation>导出为 NumPy 脚本</translation>
    </message>
    <message>
        <source>Copied the {plot} to the clipboard</source>
        <translation>已将{plot}复制到剪贴板</translation>
    </message>
    <message>
        <source>Could not save {file}: {reason}.</source>
        <translation>无法保存 {file}：{reason}。</translation>
    </message>
    <message>
        <source>Saved {file}: {n} epochs</source>
        <translation>已保存 {file}：{n} 轮</translation>
    </message>
    <message>
        <source>Saved {file} with the epochs kept: settings changed during this long run, so it cannot be replayed. quadreg-train --history-out writes every epoch.</source>
        <translation>已保存 {file}，只含保留的轮次：这次长时间训练中改过设置，无法重放。quadreg-train --history-out 会写出每一轮。</translation>
    </message>
    <message>
        <source>Export as Jupyter notebook</source>
        <translation>导出为 Jupyter 笔记本</translation>
    </message>
    <message>
        <source>Jupyter notebook (*.ipynb)</source>
        <translation>Jupyter 笔记本 (*.ipynb)</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>已保存 {file}</translation>
    </message>
    <message>
        <source>Data (*.csv *.tsv *.txt *.dat);;All files (*)</source>
        <extracomment>A read that takes longer than this shows its progress.</extracomment>
        <translation>数据 (*.csv *.tsv *.txt *.dat);;所有文件 (*)</translation>
    </message>
    <message>
        <source>QuadReg experiments (*{suffix});;JSON (*.json)</source>
        <translation>QuadReg 实验 (*{suffix});;JSON (*.json)</translation>
    </message>
    <message>
        <source>QuadReg lessons (*{suffix})</source>
        <translation>QuadReg 课程 (*{suffix})</translation>
    </message>
    <message>
        <source>Open data</source>
        <translation>打开数据</translation>
    </message>
    <message>
        <source>Open experiment</source>
        <translation>打开实验</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>Save lesson</source>
        <translation>保存课程</translation>
    </message>
    <message>
        <source>Save experiment</source>
        <translation>保存实验</translation>
    </message>
    <message>
        <source>Not opened: {reason}</source>
        <translation>未打开：{reason}</translation>
    </message>
    <message>
        <source>Opened {file}</source>
        <translation>已打开 {file}</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <source>Not opened: {file} no longer exists.</source>
        <translation>未打开：{file} 已不存在。</translation>
    </message>
    <message>
        <source>Learning rate (log scale)</source>
        <extracomment>Slider positions per decade: an arrow key multiplies the rate by 10^(1/20) = 1.122, Page Up/Down by 10.</extracomment>
        <translation>学习率（对数刻度）</translation>
    </message>
    <message>
        <source>Learning rate on a log scale, from {lo} to {hi}; arrow keys step by a factor of 1.12, Page Up/Down by 10.</source>
        <translation>学习率，对数刻度，从 {lo} 到 {hi}；方向键按 1.12 倍调整，Page Up/Down 按 10 倍。</translation>
    </message>
    <message>
        <source>Below {smooth}: converges without oscillating. {smooth} to {limit}: oscillates but converges. Above {limit}: diverges.</source>
        <translation>低于 {smooth}：收敛且不震荡。{smooth} 到 {limit}：震荡但收敛。高于 {limit}：发散。</translation>
    </message>
    <message>
        <source>Mini-batches: no learning-rate limit is known (the full-batch limit does not hold for them).</source>
        <translation>小批量：没有已知的学习率上限（批量梯度下降的上限对它不成立）。</translation>
    </message>
    <message>
        <source>An adaptive optimizer scales its own steps: no fixed zones.</source>
        <translation>自适应优化器自己缩放步长：没有固定的区间。</translation>
    </message>
    <message>
        <source>smooth</source>
        <translation>平稳</translation>
    </message>
    <message>
        <source>oscillates</source>
        <translation>震荡</translation>
    </message>
    <message>
        <source>diverges</source>
        <translation>发散</translation>
    </message>
    <message>
        <source>Generating {n} points…</source>
        <translation>正在生成 {n} 个点…</translation>
    </message>
    <message>
        <source>Loading {n} points…</source>
        <translation>正在加载 {n} 个点…</translation>
    </message>
    <message>
        <source>{name}: {n} points. {notice}</source>
        <translation>{name}：{n} 个点。{notice}</translation>
    </message>
    <message>
        <source>Messages</source>
        <extracomment>A banner narrower than this many characters of its font wraps into two lines.</extracomment>
        <translation>消息</translation>
    </message>
    <message>
        <source>Use lr {lr}</source>
        <translation>使用 lr {lr}</translation>
    </message>
    <message>
        <source>Mini-batches of {size}: no learning-rate limit is known (the full-batch limit does not hold for them).</source>
        <translation>小批量（每批 {size} 个）：没有已知的学习率上限（批量梯度下降的上限对它不成立）。</translation>
    </message>
    <message>
        <source>{optimizer} adapts its step size: no fixed learning rate limit.</source>
        <translation>{optimizer} 自适应调整步长：没有固定的学习率上限。</translation>
    </message>
    <message>
        <source>For this data and {optimizer}, learning rates below {limit:.4g} converge.</source>
        <translation>对此数据和{optimizer}，低于 {limit:.4g} 的学习率都会收敛。</translation>
    </message>
    <message>
        <source>Data and fitted curve</source>
        <extracomment>The article&apos;s view: x from -1 to 1, y from 2 to 6 (widened to hold all the data). Alpha of the data points: dense data shows as darker. A press this close to a point (pixels at 100 %) takes the point. The fitted curve grabbed this near x = 0 (a share of the view&apos;s half-width) moves as a whole (its vertex); further out, its opening changes. Points moved in place, at most, when the points shown change (a drag&apos;s reports).</extracomment>
        <translation>数据与拟合曲线</translation>
    </message>
    <message>
        <source>Data and fit</source>
        <extracomment>Each pane&apos;s explanation: its title, then what is drawn, how to read it, what to try.</extracomment>
        <translation>数据与拟合</translation>
    </message>
    <message>
        <source>true curve</source>
        <translation>理论曲线</translation>
    </message>
    <message>
        <source>data</source>
        <translation>真实数据</translation>
    </message>
    <message>
        <source>fitted curve</source>
        <translation>模型预测</translation>
    </message>
    <message>
        <source>showing a random {k} of {n} points</source>
        <translation>随机显示 {n} 个点中的 {k} 个</translation>
    </message>
    <message>
        <source>{name}: data and fit</source>
        <translation>{name}：数据与拟合</translation>
    </message>
    <message>
        <source>▲ fitted curve off scale (not a finite number)</source>
        <translation>▲ 拟合曲线超出范围（不是有限数）</translation>
    </message>
    <message>
        <source>▲ fitted curve above the view (up to {y})</source>
        <translation>▲ 拟合曲线在视图上方（最高到 {y}）</translation>
    </message>
    <message>
        <source>▼ fitted curve below the view (down to {y})</source>
        <translation>▼ 拟合曲线在视图下方（最低到 {y}）</translation>
    </message>
    <message>
        <source>▲▼ fitted curve leaves the view</source>
        <translation>▲▼ 拟合曲线离开了视图</translation>
    </message>
    <message>
        <source>Trajectory</source>
        <extracomment>Grid points per side of the heat map. Contour lines drawn (spaced LEVELS_PER_DECADE a decade). The arrows&apos; length: this fraction of the view&apos;s width (they show directions).</extracomment>
        <translation>轨迹</translation>
    </message>
    <message>
        <source>Current point</source>
        <translation>当前点</translation>
    </message>
    <message>
        <source>Starting point</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>Optimum</source>
        <translation>最优点</translation>
    </message>
    <message>
        <source>Principal axes</source>
        <translation>主轴</translation>
    </message>
    <message>
        <source>Negative gradient arrow</source>
        <translation>负梯度箭头</translation>
    </message>
    <message>
        <source>Velocity arrow (momentum)</source>
        <translation>速度箭头（动量）</translation>
    </message>
    <message>
        <source>Click to start there, or drag the point</source>
        <translation>点击即从该处开始，或拖动该点</translation>
    </message>
    <message>
        <source>Loss over two parameters, with the run&apos;s path</source>
        <extracomment>A press this close to the current point (pixels at 100 %) takes it.</extracomment>
        <translation>两个参数上的损失，以及训练路径</translation>
    </message>
    <message>
        <source>log₁₀(loss − lowest)</source>
        <translation>log₁₀(损失 − 最小值)</translation>
    </message>
    <message>
        <source>Steps within the last epoch (mini-batches)</source>
        <translation>最近一轮内的每一步（小批量）</translation>
    </message>
    <message>
        <source>the path left the view</source>
        <translation>路径离开了视图</translation>
    </message>
    <message>
        <source>The two parameters the landscape is drawn over; the third is held at its current value.</source>
        <translation>绘制损失曲面所用的两个参数；第三个参数固定在当前值。</translation>
    </message>
    <message>
        <source>Slice:</source>
        <translation>切片：</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Equal axes (true shapes)</source>
        <translation>等比例坐标轴（真实形状）</translation>
    </message>
    <message>
        <source>One unit as long on both axes: the contours show the valley&apos;s true shape, however narrow.</source>
        <translation>两轴单位长度相同：等高线显示山谷的真实形状，无论多窄。</translation>
    </message>
    <message>
        <source>Random start</source>
        <extracomment>What the Show menu offers, by key, with each one&apos;s default (remembered).</extracomment>
        <translation>随机起点</translation>
    </message>
    <message>
        <source>Start from the article&apos;s seeded random draw again.</source>
        <translation>重新从文章的带种子随机初值开始。</translation>
    </message>
    <message>
        <source>loss {loss}: {share} % of the excess where you took the point</source>
        <translation>损失 {loss}：是你拿起该点处超额损失的 {share} %</translation>
    </message>
    <message>
        <source>Loss over {a}, {b} at {c} = {value}</source>
        <translation>{a}、{b} 上的损失（{c} = {value}）</translation>
    </message>
    <message>
        <source>Training log</source>
        <extracomment>Logged epochs kept; beyond, the oldest go first (the history export has them all).</extracomment>
        <translation>训练日志</translation>
    </message>
    <message>
        <source>The training log, line for line as quadreg-train prints it.</source>
        <translation>训练日志，与 quadreg-train 的输出逐行相同。</translation>
    </message>
    <message>
        <source>Copy the log</source>
        <translation>复制日志</translation>
    </message>
    <message>
        <source>Loss against epoch</source>
        <extracomment>Loss values are clipped to this range for a log axis (0 and inf have no logarithm). Changes closer together than this (a slider drag) make one mark. Rows of mark labels at the top of the plot; a label with no room is left out (its line stays, with the text as a tooltip).</extracomment>
        <translation>损失随轮数的变化</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>optimum</source>
        <translation>最优</translation>
    </message>
    <message>
        <source>No predicted curve: {reason}.</source>
        <translation>没有预测曲线：{reason}。</translation>
    </message>
    <message>
        <source>Predicted for full-batch gradient descent or momentum at a constant learning rate, from the eigenvalues of the Hessian.</source>
        <translation>对恒定学习率的全批量梯度下降或动量法，由 Hessian 的特征值预测。</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>optimum {loss}</source>
        <translation>最优 {loss}</translation>
    </message>
    <message>
        <source>Changed at epoch {epoch}: {what}</source>
        <translation>第 {epoch} 轮改动：{what}</translation>
    </message>
    <message>
        <source>Pinned runs</source>
        <translation>固定的训练</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the selected pin (Delete).</source>
        <translation>移除选中的固定训练（Delete）。</translation>
    </message>
    <message>
        <source>Clear pins</source>
        <translation>清除固定</translation>
    </message>
    <message>
        <source>{epochs} epochs, final loss {loss}</source>
        <translation>{epochs} 轮，最终损失 {loss}</translation>
    </message>
    <message>
        <source>Pin run (Ctrl+P) keeps the current run on the loss plot and the landscape and starts a new one from the same start; up to {n}.</source>
        <translation>固定本次训练（Ctrl+P）会把当前训练保留在损失图和损失曲面上，并从同一起点开始新的训练；最多 {n} 次。</translation>
    </message>
    <message>
        <source>{n} of {max} pins</source>
        <translation>已固定 {n} / {max}</translation>
    </message>
    <message>
        <source>Step explained</source>
        <translation>单步解析</translation>
    </message>
    <message>
        <source>Pins</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>Race</source>
        <translation>赛跑</translation>
    </message>
    <message>
        <source>What the log and the step explained show</source>
        <extracomment>The panes by key (as View &gt; Focus and the keys 1-4 name them), in order.</extracomment>
        <translation>日志与单步解析显示什么</translation>
    </message>
    <message>
        <source>No race yet: Run ▸ Race optimizers… (Ctrl+Shift+R).</source>
        <translation>还没有赛跑：运行 ▸ 优化器赛跑…（Ctrl+Shift+R）。</translation>
    </message>
    <message>
        <source>Copy table</source>
        <translation>复制表格</translation>
    </message>
    <message>
        <source>Copy the results as aligned text, as quadreg-train --race prints them.</source>
        <translation>把结果复制为对齐的文本，与 quadreg-train --race 的输出相同。</translation>
    </message>
    <message>
        <source>Back to your own run, as it was (Esc).</source>
        <translation>回到你自己的训练，保持原样（Esc）。</translation>
    </message>
    <message>
        <source>Last race, ended at epoch {k} of {n}. {summary}</source>
        <translation>上一场比赛，结束于第 {k} 轮（共 {n} 轮）。{summary}</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>epoch {k} of {n}</source>
        <translation>第 {k} / {n} 轮</translation>
    </message>
    <message>
        <source>Race, {state}. {summary}</source>
        <translation>赛跑，{state}。{summary}</translation>
    </message>
    <message>
        <source>Residuals</source>
        <extracomment>Two Chinese characters in a row: a line may break between them, unless joined.</extracomment>
        <translation>残差</translation>
    </message>
    <message>
        <source>Draw a stick from each point to the fitted curve.</source>
        <translation>从每个点到拟合曲线画一条竖线。</translation>
    </message>
    <message>
        <source>R²: the share of the spread of y the curve explains (1 is a perfect fit). RMSE: the typical distance of a point from the curve.</source>
        <translation>R²：曲线解释了 y 的变化的多少（1 为完美拟合）。RMSE：点到曲线的典型距离。</translation>
    </message>
    <message>
        <source>The fitted curve on x itself (training sees x standardized). </source>
        <translation>原始 x 上的拟合曲线（训练使用标准化的 x）。</translation>
    </message>
    <message>
        <source>{curve}   R² {r2}   RMSE {rmse}</source>
        <translation>{curve}   R² {r2}   RMSE {rmse}</translation>
    </message>
    <message>
        <source>R² {r2}   RMSE {rmse}   loss {loss}</source>
        <translation>R² {r2}   RMSE {rmse}   损失 {loss}</translation>
    </message>
    <message>
        <source>By direction</source>
        <translation>按方向</translation>
    </message>
    <message>
        <source>The loss split along the Hessian&apos;s eigen-directions, measured (solid) and predicted (dashed): the steep direction is done in a few epochs, the shallow one sets the pace.</source>
        <translation>沿 Hessian 特征方向拆分的损失，实测（实线）与预测（虚线）：陡峭方向几轮就完成，平缓方向决定整体速度。</translation>
    </message>
    <message>
        <source>Within 1 % of the optimal loss: the first epoch whose loss L is at most 1.01·L*, L* the closed-form optimum&apos;s.</source>
        <translation>最优损失 1 % 以内：损失 L 首次不超过 1.01·L* 的轮次，L* 为闭式最优解的损失。</translation>
    </message>
    <message>
        <source>Epochs to within 1 % of the optimal loss: {got}; no prediction (see tooltip)</source>
        <translation>到达最优损失 1 % 以内的轮数：{got}；无预测（见提示）</translation>
    </message>
    <message>
        <source>The dashed predicted curve needs gradient descent or momentum at a constant learning rate on the full batch: {reason}.</source>
        <translation>虚线预测曲线需要全批量、恒定学习率的梯度下降或动量法：{reason}。</translation>
    </message>
    <message>
        <source>after {n}</source>
        <translation>{n} 轮之后</translation>
    </message>
    <message>
        <source>Epochs to within 1 % of the optimal loss: measured {got}, predicted {expected}</source>
        <translation>到达最优损失 1 % 以内的轮数：实测 {got}，预测 {expected}</translation>
    </message>
    <message>
        <source>Predicted from the eigenvalues of the Hessian, from the last live change (or the start) on: L(k) = L* + ½ Σ λᵢ cᵢ² (1 − lr·λᵢ)^(2k) for gradient descent; for momentum each direction&apos;s error and velocity follow a 2×2 recurrence.</source>
        <translation>由 Hessian 的特征值预测，从最近一次实时修改（或起点）开始：梯度下降为 L(k) = L* + ½ Σ λᵢ cᵢ² (1 − lr·λᵢ)^(2k)；动量法在每个方向上误差与速度服从一个 2×2 递推。</translation>
    </message>
    <message>
        <source>{name} divides each step by its own running gradient size: no fixed learning rate bound.</source>
        <translation>{name} 用各自的梯度大小滑动平均去除每一步：没有固定的学习率上限。</translation>
    </message>
    <message>
        <source>Diverges above {limit}, oscillates above {smooth}</source>
        <translation>高于 {limit} 发散，高于 {smooth} 震荡</translation>
    </message>
    <message>
        <source>Best constant lr {lr}: the excess loss down to 1 % of the start&apos;s in {epochs} epochs (gradient descent)</source>
        <translation>最佳恒定 lr {lr}：{epochs} 轮内超额损失降到初始的 1 %（梯度下降）</translation>
    </message>
    <message>
        <source>Excess loss: L − L*, the loss above the closed-form optimum&apos;s. &quot;Down to 1 % of the start&apos;s&quot;: L − L* ≤ 0.01·(L₀ − L*), another criterion than &quot;within 1 % of the optimal loss&quot; (L ≤ 1.01·L*) under the loss plot.</source>
        <translation>超额损失：L − L*，即高出闭式最优解损失的部分。“降到初始的 1 %”：L − L* ≤ 0.01·(L₀ − L*)，与损失图下方的“最优损失 1 % 以内”（L ≤ 1.01·L*）是不同的标准。</translation>
    </message>
    <message>
        <source>Condition number {k}</source>
        <translation>条件数 {k}</translation>
    </message>
    <message>
        <source>Ready</source>
        <extracomment>The labels that give way, in this order, when the bar cannot hold them all.</extracomment>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>{done} of {target}</source>
        <translation>{done} / {target}</translation>
    </message>
    <message>
        <source>{n} epoch</source>
        <translation>{n} 轮</translation>
    </message>
    <message>
        <source>{n} epochs</source>
        <translation>{n} 轮</translation>
    </message>
    <message>
        <source> + {k} of {m} batches</source>
        <translation> + {k}/{m} 个批次</translation>
    </message>
    <message>
        <source>loss {loss}</source>
        <translation>损失 {loss}</translation>
    </message>
    <message>
        <source> (stable below {limit})</source>
        <translation>（低于 {limit} 稳定）</translation>
    </message>
    <message>
        <source>lr {lr}</source>
        <translation>lr {lr}</translation>
    </message>
    <message>
        <source>race of {n} optimizers</source>
        <translation>{n} 个优化器赛跑</translation>
    </message>
    <message>
        <source>Generating data…</source>
        <translation>正在生成数据…</translation>
    </message>
    <message>
        <source>The last update, explained with its numbers</source>
        <extracomment>Its point size at 100 %: the equations&apos; subscripts must stay legible.</extracomment>
        <translation>最近一次参数更新，带数值展开</translation>
    </message>
    <message>
        <source>Step (→ or S) to see the next update written out with its numbers.</source>
        <translation>单步（→ 或 S）即可看到下一次更新连同数值一起写出。</translation>
    </message>
    <message>
        <source> (β {beta})</source>
        <translation>（β {beta}）</translation>
    </message>
    <message>
        <source>lr: {why}</source>
        <translation>lr：{why}</translation>
    </message>
    <message>
        <source>Learning rate of this racer. Its default, {lr}, is {why}.</source>
        <translation>该参赛者的学习率。默认值 {lr} 是{why}。</translation>
    </message>
    <message>
        <source>Race optimizers</source>
        <translation>优化器赛跑</translation>
    </message>
    <message>
        <source>Each racer starts from the current start on the current data and runs {epochs} epochs in lock-step with the others. Every learning rate is chosen for this data; change any.</source>
        <translation>每个参赛者都从当前起点、在当前数据上同步运行 {epochs} 轮。每个学习率都是为这份数据选定的；都可以修改。</translation>
    </message>
    <message>
        <source>Choose {low} to {high} racers.</source>
        <translation>请选择 {low} 到 {high} 个参赛者。</translation>
    </message>
    <message>
        <source>Racer {k}: {reason}</source>
        <translation>参赛者 {k}：{reason}</translation>
    </message>
    <message>
        <source>maximum</source>
        <extracomment>Speed control positions, in epochs per second; the last is &quot;maximum&quot;.</extracomment>
        <translation>最大</translation>
    </message>
    <message>
        <source>{n} epoch/s</source>
        <translation>{n} 轮/秒</translation>
    </message>
    <message>
        <source>{n} epochs/s</source>
        <translation>{n} 轮/秒</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Start or pause training (Space).</source>
        <translation>开始或暂停训练（空格）。</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Run exactly one epoch (→ or S); with Shift, one mini-batch (Shift+→).</source>
        <translation>恰好运行一轮（→ 或 S）；按住 Shift 则运行一个小批量（Shift+→）。</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to epoch 0 with the same initial parameters (R).</source>
        <translation>回到第 0 轮，初始参数不变（R）。</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Epochs per second; the right end runs as fast as possible.</source>
        <translation>每秒轮数；最右端尽可能快地运行。</translation>
    </message>
    <message>
        <source>Speed in epochs per second</source>
        <translation>速度（每秒轮数）</translation>
    </message>
    <message>
        <source>Run {n} more</source>
        <translation>再运行 {n}</translation>
    </message>
    <message>
        <source>Run another {n} (the Epochs setting) from here (Space).</source>
        <translation>从这里再运行 {n}（训练轮数设置）（空格）。</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <extracomment>How long the note that a run is summarised stays in the status bar. How long the note that the training process was restarted stays.</extracomment>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Diverged.</source>
        <translation>已发散。</translation>
    </message>
    <message>
        <source>The training process stopped unexpectedly and was restarted: the run starts over from its beginning.</source>
        <translation>训练进程意外停止，已重新启动：本次运行从头开始。</translation>
    </message>
    <message>
        <source>The training process stopped answering and is being restarted: the run starts over from its beginning.</source>
        <translation>训练进程已停止响应，正在重新启动：训练将从头开始。</translation>
    </message>
    <message>
        <source>Long run: the loss curve now keeps every logged epoch, the first and the latest epochs, and the extremes of each stretch in between (memory stays bounded).</source>
        <translation>长时间训练：损失曲线现在保留每个记录日志的轮次、最早和最近的轮次，以及中间每段的极值（内存保持有限）。</translation>
    </message>
    <message>
        <source>batch</source>
        <extracomment>Short names of settings (&quot;&quot; for the optimizer: its title says what it is).</extracomment>
        <translation>批量</translation>
    </message>
    <message>
        <source>schedule</source>
        <translation>调度</translation>
    </message>
    <message>
        <source>every</source>
        <translation>每</translation>
    </message>
    <message>
        <source>factor</source>
        <translation>因子</translation>
    </message>
    <message>
        <source>start</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>constant</source>
        <extracomment>How a label names each schedule.</extracomment>
        <translation>恒定</translation>
    </message>
    <message>
        <source>step</source>
        <translation>阶梯</translation>
    </message>
    <message>
        <source>exponential</source>
        <translation>指数</translation>
    </message>
    <message>
        <source>inverse</source>
        <translation>反比</translation>
    </message>
    <message>
        <source>random</source>
        <extracomment>Settings that shape a run&apos;s path (data and model aside), in the order labels name them.</extracomment>
        <translation>随机</translation>
    </message>
    <message>
        <source>points edited</source>
        <translation>数据点已编辑</translation>
    </message>
    <message>
        <source>points as made</source>
        <translation>数据点为原样</translation>
    </message>
    <message>
        <source>full</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>same settings</source>
        <translation>设置相同</translation>
    </message>
    <message>
        <source>Pin {number}: {what} (changed while running)</source>
        <extracomment>The most runs pinned at once (one colour each).</extracomment>
        <translation>固定 {number}：{what}（运行中改过设置）</translation>
    </message>
    <message>
        <source>Pin {number}: {what}</source>
        <translation>固定 {number}：{what}</translation>
    </message>
    <message>
        <source>The training process could not start{cause}: close other programs and try again.</source>
        <extracomment>Time budget of one batch of epochs at maximum speed. Tick period at finite speeds: about the display rate. Shortest time between two loss curves sent: no faster than the window redraws. The same for a race&apos;s curves: six of them cost the GIL six times over. Shortest time between two explained steps sent while running: readable, not a blur. A command waiting or in hand this long means the engine is not answering (the longest commands take seconds: a load of 10^7 points about 2 s, a Step of one epoch of 10^7 single-point mini-batches about 5 s; a history file is not timed). How often that is checked.</extracomment>
        <translation>训练进程无法启动{cause}：请关闭其他程序后重试。</translation>
    </message>
    <message>
        <source>no run has data yet</source>
        <translation>尚无带数据的训练</translation>
    </message>
    <message>
        <source>My lesson</source>
        <translation>我的课程</translation>
    </message>
    <message>
        <source>Nothing: wait at epoch 0</source>
        <translation>不做什么：停在第 0 轮</translation>
    </message>
    <message>
        <source>Start the run</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Race the optimizers</source>
        <translation>优化器比赛</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Question for the class</source>
        <translation>向全班提的问题</translation>
    </message>
    <message>
        <source>When entered</source>
        <translation>进入时</translation>
    </message>
    <message>
        <source>its last epoch</source>
        <translation>最后一轮</translation>
    </message>
    <message>
        <source>Run to epoch</source>
        <translation>运行到第几轮</translation>
    </message>
    <message>
        <source>Pin the run once it stops, to compare the next steps with it</source>
        <translation>训练停止后将其固定，供后面各步对照</translation>
    </message>
    <message>
        <source>Each text needs its English, the title too.</source>
        <translation>每段文字（包括标题）都需要英文版本。</translation>
    </message>
    <message>
        <source>Ask the class: {question}</source>
        <translation>问全班：{question}</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>The step before (Page Up or Alt+←)</source>
        <translation>上一步（Page Up 或 Alt+←）</translation>
    </message>
    <message>
        <source>The next step (Page Down or Alt+→)</source>
        <translation>下一步（Page Down 或 Alt+→）</translation>
    </message>
    <message>
        <source>Leave the lesson</source>
        <translation>退出课程</translation>
    </message>
    <message>
        <source>lr {lr} · {optimizer} · epoch {epoch} of {target}</source>
        <translation>lr {lr} · {optimizer} · 第 {epoch} / {target} 轮</translation>
    </message>
    <message>
        <source>Scale {percent} %</source>
        <extracomment>How long the note stays.</extracomment>
        <translation>缩放 {percent} %</translation>
    </message>
    <message>
        <source>What this plot shows, and how to read it</source>
        <extracomment>Point sizes at 100 %: titles and axis labels alike, ticks and legends a little smaller. Vertical pixels per labelled tick of a log axis (text height plus a gap). Pixels a tick label may reach past the end of its axis (the end ticks). The width of a legend entry&apos;s line sample (pyqtgraph&apos;s, fixed), the gap from it to its label, and the gap between two entries (at 100 %). The least height of a plot&apos;s view, in pixels at 100 %. The spacing handed to tickStrings for the unlabelled minor ticks of a log axis. The look&apos;s scale: larger labels need fewer ticks to stay apart.</extracomment>
        <translation>这张图显示什么，怎么看</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Drawn:&lt;/b&gt; the data points (x, y); the true curve y = 3x² + 2 the article made them from (dashed; a data file has none); the fitted curve y = w·x² + b with the parameters now (the thick line).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Read:&lt;/b&gt; the closer the fitted curve follows the points, the smaller the loss. Under the plot, R² and RMSE say how close (see the terms below); Residuals draws each point&apos;s vertical distance y − y_pred.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Try:&lt;/b&gt; Reset (R), then Step (S) a few times: the curve moves one epoch at a time.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;图中：&lt;/b&gt;数据点 (x, y)；文章生成它们所用的理论曲线 y = 3x² + 2（虚线；数据文件没有）；当前参数下的拟合曲线 y = w·x² + b（粗线）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;怎么看：&lt;/b&gt;拟合曲线越贴近数据点，损失越小。图下的 R² 和 RMSE 说明贴近程度（见下面的术语）；“残差”画出每个点的竖直距离 y − y_pred。&lt;/p&gt;&lt;p&gt;&lt;b&gt;试一试：&lt;/b&gt;重置（R），再按几次单步（S）：曲线每次移动一轮。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Drawn:&lt;/b&gt; the loss Loss = Σ ½(y_pred − y)² after each epoch (measured), on a log scale; the predicted line is what theory says gradient descent and momentum will do on this data; the dotted line is the optimum, the lowest loss there is (the closed form, least squares).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Read:&lt;/b&gt; a straight falling line on the log scale is a steady rate; a rising one diverges. Under the plot: the epochs until the loss is within 1 % of the optimal loss, measured and predicted.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Try:&lt;/b&gt; lr 0.015 (it oscillates, still converging), then 0.02 (it diverges).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;图中：&lt;/b&gt;每一轮之后的损失 Loss = Σ ½(y_pred − y)²（实测），使用对数坐标；预测线是理论对梯度下降和动量在这组数据上的预测；点线是最优值，即可能达到的最低损失（闭式解，最小二乘）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;怎么看：&lt;/b&gt;对数坐标上一条笔直下降的线表示稳定的收敛速度；上升的线表示发散。图下：损失进入最优损失 1 % 以内所需的轮数，实测与预测。&lt;/p&gt;&lt;p&gt;&lt;b&gt;试一试：&lt;/b&gt;学习率 0.015（振荡但仍收敛），再试 0.02（发散）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Drawn:&lt;/b&gt; the loss over the (w, b) plane, coloured by log₁₀(loss − lowest); contour lines at equal loss; the parameters&apos; path epoch by epoch, from the square (the start) to the dot (now); the optimum.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Read:&lt;/b&gt; the valley is long and narrow because the loss curves much more steeply across it than along it (the condition number). Gradient descent steps downhill, at right angles to the contour lines: too large a step crosses the valley and zig-zags.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Try:&lt;/b&gt; click anywhere to start from there; Random start returns to the article&apos;s.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;图中：&lt;/b&gt;(w, b) 平面上的损失，颜色表示 log₁₀(损失 − 最小值)；等高线连接损失相等的点；参数逐轮走过的路径，从方块（起点）到圆点（当前）；以及最优点。&lt;/p&gt;&lt;p&gt;&lt;b&gt;怎么看：&lt;/b&gt;山谷又长又窄，因为损失横跨山谷的弯曲比沿着山谷陡得多（条件数）。梯度下降沿下坡方向、垂直于等高线前进：步子太大就会越过谷底，来回振荡。&lt;/p&gt;&lt;p&gt;&lt;b&gt;试一试：&lt;/b&gt;点击任意位置，从那里开始；“随机起点”回到文章的起点。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Log and step explained</source>
        <translation>日志与单步解析</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Log:&lt;/b&gt; the article&apos;s own printout, every 100 epochs: Epoch N: w, b, Loss.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Step explained:&lt;/b&gt; the last step with its numbers: the forward pass y_pred = x²·w + b, the loss, the gradients ∂Loss/∂w = Σ(y_pred − y)·x² and ∂Loss/∂b = Σ(y_pred − y), and the update w = w − lr·∂Loss/∂w.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Pins&lt;/b&gt; keep runs to compare; &lt;b&gt;Race&lt;/b&gt; runs optimizers side by side.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;日志：&lt;/b&gt;文章自己的输出，每 100 轮一行：Epoch N: w, b, Loss。&lt;/p&gt;&lt;p&gt;&lt;b&gt;单步解析：&lt;/b&gt;最近一步的每个数字：前向传播 y_pred = x²·w + b、损失、梯度 ∂Loss/∂w = Σ(y_pred − y)·x² 与 ∂Loss/∂b = Σ(y_pred − y)，以及参数更新 w = w − lr·∂Loss/∂w。&lt;/p&gt;&lt;p&gt;&lt;b&gt;固定&lt;/b&gt;保留训练过程以便比较；&lt;b&gt;赛跑&lt;/b&gt;让多个优化器并排比赛。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Momentum&apos;s map</source>
        <translation>动量图</translation>
    </message>
    <message>
        <source>&lt;p&gt;For every learning rate (across, on a log scale) and momentum β (up), how many epochs full-batch momentum needs to shrink the error 100×, from the Hessian&apos;s eigenvalues alone (yellow: few). Right of the red line the run diverges. Below the dashed (shallowest direction) and dotted (steepest) curves that direction creeps to the optimum; above them it spirals in. The star is the fastest pair; the red point is the setting now. Click or drag it to train there, live. Plain gradient descent is the bottom edge, β = 0.&lt;/p&gt;&lt;p&gt;QuadReg&apos;s momentum averages the gradient, v = β·v + (1 − β)·∂Loss/∂w; Distill&apos;s step size α is lr·(1 − β).&lt;/p&gt;</source>
        <translation>&lt;p&gt;对每个学习率（横轴，对数刻度）和动量 β（纵轴），全批量动量法把误差缩小 100 倍需要多少轮，只由 Hessian 的特征值算出（黄色：轮数少）。红线右边训练发散。在虚线（最平缓方向）和点线（最陡方向）下方，该方向缓慢逼近最优点；在它们上方则螺旋收敛。星号是最快的组合；红点是当前设置。点击或拖动它，即在那里实时训练。普通梯度下降是 β = 0 的底边。&lt;/p&gt;&lt;p&gt;QuadReg 的动量对梯度取平均：v = β·v + (1 − β)·∂Loss/∂w；Distill 的步长 α 即 lr·(1 − β)。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Epoch</source>
        <extracomment>Every term a readout uses, defined.</extracomment>
        <translation>训练轮数（epoch）</translation>
    </message>
    <message>
        <source>One pass over all the data: in batch gradient descent, one step.</source>
        <translation>对全部数据的一次遍历：在批量梯度下降中就是一步。</translation>
    </message>
    <message>
        <source>Learning rate (lr)</source>
        <translation>学习率（lr）</translation>
    </message>
    <message>
        <source>The step size η in w = w − η·∂Loss/∂w. Too large: it oscillates and diverges; too small: it converges slowly.</source>
        <translation>w = w − η·∂Loss/∂w 中的步长 η。过大 → 震荡发散；过小 → 收敛缓慢。</translation>
    </message>
    <message>
        <source>Stable limit</source>
        <translation>稳定上限</translation>
    </message>
    <message>
        <source>The largest learning rate for which gradient descent converges on this data: 2/λmax, where λmax is the largest eigenvalue of the Hessian, the loss&apos;s steepest curvature.</source>
        <translation>梯度下降在这组数据上能够收敛的最大学习率：2/λmax，λmax 是 Hessian 矩阵的最大特征值，即损失最陡方向的曲率。</translation>
    </message>
    <message>
        <source>Oscillates</source>
        <translation>振荡</translation>
    </message>
    <message>
        <source>Above 1/λmax each step overshoots the valley floor in the steepest direction: the path zig-zags, and still converges while lr is below the stable limit.</source>
        <translation>学习率超过 1/λmax 时，每一步都会在最陡方向上越过谷底：路径呈锯齿状，但只要 lr 低于稳定上限，仍然收敛。</translation>
    </message>
    <message>
        <source>Best constant rate</source>
        <translation>最佳固定学习率</translation>
    </message>
    <message>
        <source>2/(λmin + λmax): the fixed learning rate at which gradient descent converges fastest in its slowest direction.</source>
        <translation>2/(λmin + λmax)：使梯度下降在最慢方向上收敛最快的固定学习率。</translation>
    </message>
    <message>
        <source>Condition number</source>
        <translation>条件数</translation>
    </message>
    <message>
        <source>λmax/λmin: how much more steeply the loss curves in its steepest direction than in its flattest. Large: a long, narrow valley, and slow gradient descent.</source>
        <translation>λmax/λmin：损失在最陡方向上的弯曲是最平方向的多少倍。越大，山谷越狭长，梯度下降越慢。</translation>
    </message>
    <message>
        <source>Within 1 %</source>
        <translation>1 % 以内</translation>
    </message>
    <message>
        <source>The loss at most 1 % above the optimal loss: L ≤ 1.01·L*. &quot;Epochs to within 1 %&quot; counts the epochs until then. The stability readout&apos;s &quot;down to 1 % of the start&apos;s&quot; is another criterion: L − L* ≤ 0.01·(L₀ − L*).</source>
        <translation>损失比最优损失至多高 1 %：L ≤ 1.01·L*。“到达 1 % 以内的轮数”统计到那时为止的轮数。稳定性读数中的“降到初始的 1 %”是另一个标准：L − L* ≤ 0.01·(L₀ − L*)。</translation>
    </message>
    <message>
        <source>R²</source>
        <translation>R²</translation>
    </message>
    <message>
        <source>1 − Σ(y − y_pred)² / Σ(y − mean y)²: 1 is a perfect fit, 0 no better than a flat line at the mean, below 0 worse than that.</source>
        <translation>1 − Σ(y − y_pred)² / Σ(y − y 的均值)²：1 表示完美拟合，0 表示不比取均值的水平线更好，小于 0 则更差。</translation>
    </message>
    <message>
        <source>RMSE</source>
        <translation>RMSE</translation>
    </message>
    <message>
        <source>The root of the mean squared residual, in y&apos;s own units: a typical distance of a point from the curve.</source>
        <translation>残差平方均值的平方根，单位与 y 相同：数据点离曲线的典型距离。</translation>
    </message>
    <message>
        <source>How many powers of ten the loss lies above its lowest value: 0 is 1 above it, −2 is 0.01 above it. The landscape&apos;s colours use it, so that the valley floor shows.</source>
        <translation>损失比最小值高出几个数量级：0 表示高出 1，−2 表示高出 0.01。损失曲面的颜色用它表示，使谷底清晰可见。</translation>
    </message>
    <message>
        <source>v = β·v + (1 − β)·grad, w = w − lr·v: the velocity averages recent gradients, so zig-zags cancel and steady directions build speed.</source>
        <translation>v = β·v + (1 − β)·grad，w = w − lr·v：速度是近期梯度的平均，来回振荡相互抵消，方向一致时不断加速。</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>术语</translation>
    </message>
    <message>
        <source>What am I looking at?</source>
        <translation>我看到的是什么？</translation>
    </message>
    <message>
        <source>The whole plot area</source>
        <translation>整个图表区</translation>
    </message>
    <message>
        <source>Export an animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>File (.mp4 or .gif)</source>
        <translation>文件（.mp4 或 .gif）</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Frames a second</source>
        <translation>每秒帧数</translation>
    </message>
    <message>
        <source>Length in seconds (the whole run)</source>
        <translation>时长（秒，对应整个训练过程）</translation>
    </message>
    <message>
        <source>Shows</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Animations (*.mp4 *.gif)</source>
        <translation>动画 (*.mp4 *.gif)</translation>
    </message>
    <message>
        <source>Not exported: {reason}</source>
        <translation>未导出：{reason}</translation>
    </message>
    <message>
        <source>Making {file}…</source>
        <translation>正在生成 {file}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>it stopped</source>
        <translation>导出进程意外停止</translation>
    </message>
    <message>
        <source>log₁₀ epochs to shrink the error 100×</source>
        <extracomment>The colour bar&apos;s label: what the colours say.</extracomment>
        <translation>误差缩小 100 倍所需轮数的 log₁₀</translation>
    </message>
    <message>
        <source>How fast momentum converges at each learning rate and β</source>
        <extracomment>The colours&apos; range, in log10 epochs: 1 to a million.</extracomment>
        <translation>动量法在每个学习率和 β 下的收敛速度</translation>
    </message>
    <message>
        <source>Momentum&apos;s speed</source>
        <translation>动量法的速度</translation>
    </message>
    <message>
        <source>{optimizer} over lr and β</source>
        <translation>{optimizer}：学习率与 β</translation>
    </message>
    <message>
        <source>Here (lr {lr}, β {beta}) the run diverges.</source>
        <translation>当前（学习率 {lr}，β {beta}）训练发散。</translation>
    </message>
    <message>
        <source>Here (lr {lr}, β {beta}) the error shrinks by {rate} an epoch: 100× in {epochs} epochs.</source>
        <translation>当前（学习率 {lr}，β {beta}）误差每轮缩小为 {rate} 倍：{epochs} 轮缩小 100 倍。</translation>
    </message>
    <message>
        <source>The map is momentum&apos;s: click it to train with momentum there.</source>
        <translation>这是动量法的图：点击它即用动量法在那里训练。</translation>
    </message>
    <message>
        <source>Fastest: lr {lr}, β {beta}, {rate} an epoch ({epochs} epochs).</source>
        <translation>最快：学习率 {lr}，β {beta}，每轮 {rate} 倍（{epochs} 轮）。</translation>
    </message>
    <message>
        <source>the one direction</source>
        <extracomment>Shares below this fraction of the largest shown are below the view (rounding).</extracomment>
        <translation>唯一方向</translation>
    </message>
    <message>
        <source>direction {k}</source>
        <translation>方向 {k}</translation>
    </message>
    <message>
        <source>shallow direction</source>
        <translation>平缓方向</translation>
    </message>
    <message>
        <source>steep direction</source>
        <translation>陡峭方向</translation>
    </message>
    <message>
        <source>The loss above the optimum, by direction</source>
        <translation>高出最优的损失，按方向</translation>
    </message>
    <message>
        <source>Loss above the optimum, by direction</source>
        <translation>高出最优的损失（按方向）</translation>
    </message>
    <message>
        <source>loss − optimum</source>
        <translation>损失 − 最优</translation>
    </message>
    <message>
        <source>total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>{n} point edited</source>
        <extracomment>A dragged point&apos;s places reach the run at most this often (ms). How far above the data an outlier goes, in heights of the data.</extracomment>
        <translation>已编辑 {n} 个点</translation>
    </message>
    <message>
        <source>{n} points edited</source>
        <translation>已编辑 {n} 个点</translation>
    </message>
</context>
</TS>
